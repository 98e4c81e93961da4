using Probe.Hosting;

namespace Probe.Tests.Hosting;

public sealed class IntervalScheduleTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Test]
    public void Next_WithJitter_WithinJitterOfEachPlannedSlot()
    {
        var sut = CreateSut(jitter: 0.1);
        var offsets = new List<double>();

        for (var slot = 1; slot <= 10_000; slot++)
        {
            var next = sut.Next(Origin + (Interval * (slot - 1)));
            offsets.Add((next - (Origin + (Interval * slot))).TotalSeconds);
        }

        Assert.Multiple(() =>
        {
            Assert.That(offsets, Is.All.InRange(-1.0, 1.0));
            Assert.That(offsets.Min(), Is.LessThan(-0.9), "the whole range is used");
            Assert.That(offsets.Max(), Is.GreaterThan(0.9), "the whole range is used");
        });
    }

    [Test]
    public void Next_CyclesOfVaryingLength_NoDrift()
    {
        var sut = CreateSut(jitter: 0);
        var random = new Random(7);
        var now = Origin;

        for (var slot = 1; slot <= 1000; slot++)
        {
            var next = sut.Next(now + TimeSpan.FromSeconds(random.NextDouble() * 9));
            Assert.That(next, Is.EqualTo(Origin + (Interval * slot)));
            now = next;
        }
    }

    [Test]
    public void Next_CycleOverranSeveralSlots_DueAtOnceThenBackOnPlan()
    {
        var sut = CreateSut(jitter: 0);

        var late = sut.Next(Origin + TimeSpan.FromSeconds(35));
        var after = sut.Next(Origin + TimeSpan.FromSeconds(35));

        Assert.Multiple(() =>
        {
            Assert.That(late, Is.EqualTo(Origin + TimeSpan.FromSeconds(30)), "the slot in progress, already due");
            Assert.That(after, Is.EqualTo(Origin + TimeSpan.FromSeconds(40)));
        });
    }

    [Test]
    public void Next_JitterAboveHalf_Clamped()
    {
        var sut = CreateSut(jitter: 3);

        var offsets = Enumerable.Range(1, 1000).Select(slot => (sut.Next(Origin + (Interval * (slot - 1))) - (Origin + (Interval * slot))).TotalSeconds);

        Assert.That(offsets, Is.All.InRange(-5.0, 5.0));
    }

    [Test]
    public void Constructor_ZeroInterval_Throws()
    {
        Assert.That(() => new IntervalSchedule(Origin, TimeSpan.Zero, 0, new Random(1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static IntervalSchedule CreateSut(double jitter) => new(Origin, Interval, jitter, new Random(42));
}
