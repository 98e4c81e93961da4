using Probe.Hosting;
using Probe.Storage;

namespace Probe.Tests.Hosting;

public sealed class HealthReporterTests
{
    [Test]
    public async Task Run_EveryMinute_RecordsStoreFiguresAndProcessUse()
    {
        await using var sut = new DaemonHarness();
        sut.Store.Status = new StoreStatus(10, 4096, 4, sut.Origin - TimeSpan.FromSeconds(120), 3, 0, null, null, null, 6);
        await sut.StartAsync(HealthReporter.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(125));

        var samples = sut.Store.Health.ToArray();
        Assert.That(samples, Has.Length.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(samples.Select(s => s.UptimeSeconds), Is.EqualTo(new[] { 60.0, 120.0 }));
            Assert.That(samples.Select(s => s.UploadLagSeconds), Is.EqualTo(new[] { 180.0, 240.0 }));
            Assert.That(samples[0].Clock.Wall, Is.EqualTo(sut.Origin + TimeSpan.FromSeconds(60)));
            Assert.That(samples[0].BufferRows, Is.EqualTo(10));
            Assert.That(samples[0].BufferBytes, Is.EqualTo(4096));
            Assert.That(samples[0].DroppedTotal, Is.EqualTo(3));
            Assert.That(samples[0].RssBytes, Is.GreaterThan(1024 * 1024));
            Assert.That(samples[0].CpuSeconds, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Run_StoreFails_LoopGoesOn()
    {
        await using var sut = new DaemonHarness();
        sut.Store.StatusFailure = new IOException("database is locked");
        await sut.StartAsync(HealthReporter.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(65));

        sut.Store.StatusFailure = null;
        await sut.RunUntilAsync(TimeSpan.FromSeconds(125));

        Assert.That(sut.Store.Health.Select(s => s.UptimeSeconds), Is.EqualTo(new[] { 120.0 }));
    }
}
