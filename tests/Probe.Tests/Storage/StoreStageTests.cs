using Probe.Storage;

namespace Probe.Tests.Storage;

public sealed class StoreStageTests
{
    [Test]
    public void ForDaemon_UnderSystemd_StageInTheRuntimeDirectory()
    {
        var stage = StoreStage.ForDaemon(new StoreOptions(), "/run/probe");

        Assert.That(stage, Is.EqualTo(new StoreStage("/run/probe/stage.db", TimeSpan.FromSeconds(150))));
    }

    [Test]
    public void ForDaemon_SeveralRuntimeDirectories_TheFirst()
    {
        var stage = StoreStage.ForDaemon(new StoreOptions(), "/run/probe:/run/other");

        Assert.That(stage?.Path, Is.EqualTo("/run/probe/stage.db"));
    }

    [Test]
    public void ForDaemon_StagePathSet_ItWinsOverTheRuntimeDirectory()
    {
        var stage = StoreStage.ForDaemon(new StoreOptions { StagePath = "/dev/shm/probe-stage.db", MoveInterval = TimeSpan.FromMinutes(1) }, "/run/probe");

        Assert.That(stage, Is.EqualTo(new StoreStage("/dev/shm/probe-stage.db", TimeSpan.FromMinutes(1))));
    }

    [Test]
    public void ForDaemon_NoStagePathAndNoRuntimeDirectory_NoStage()
    {
        Assert.That(StoreStage.ForDaemon(new StoreOptions(), null), Is.Null);
    }

    [Test]
    public void ForDaemon_MoveIntervalZero_NoStageEvenWithAPath()
    {
        var stage = StoreStage.ForDaemon(new StoreOptions { StagePath = "/run/probe/stage.db", MoveInterval = TimeSpan.Zero }, "/run/probe");

        Assert.That(stage, Is.Null);
    }
}
