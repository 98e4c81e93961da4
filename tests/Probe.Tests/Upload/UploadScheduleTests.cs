using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class UploadScheduleTests
{
    private static UploadSchedule CreateSut() => new();

    [Test]
    public void NextDelay_AllDelivered_IsPollInterval()
    {
        Assert.That(CreateSut().NextDelay(null, 0), Is.EqualTo(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void NextDelay_RepeatedOutage_DoublesUpToCap()
    {
        var sut = CreateSut();
        var outage = SinkOutcome.Unreachable("down");

        var delays = Enumerable.Range(1, 8).Select(n => sut.NextDelay(outage, n)).ToList();

        Assert.That(delays[0], Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(delays[1], Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(delays[^1], Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void NextDelay_Refused_WaitsMinutesNotSeconds()
    {
        Assert.That(CreateSut().NextDelay(SinkOutcome.FromStatus(401, null, null), 1), Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void NextDelay_EverythingRejected_WaitsLikeARefusal()
    {
        Assert.That(CreateSut().NextDelay(SinkOutcome.FromStatus(400, null, null), 3), Is.EqualTo(TimeSpan.FromMinutes(8)));
    }

    [Test]
    public void NextDelay_LongRetryAfter_IsHonoured()
    {
        var throttled = SinkOutcome.FromStatus(429, TimeSpan.FromMinutes(12), null);

        Assert.That(CreateSut().NextDelay(throttled, 1), Is.EqualTo(TimeSpan.FromMinutes(12)));
    }
}
