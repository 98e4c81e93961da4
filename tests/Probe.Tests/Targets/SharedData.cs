namespace Probe.Tests.Targets;

/// <summary>Files the tests read from Targets/Data (copied to the test output; licences noted in Targets/Data/README.md).</summary>
internal static class SharedData
{
    /// <summary>The citizenlab Senegal test list (CC BY-NC-SA 4.0), carried under tests/ so that a fresh clone's tests pass.</summary>
    public static string CitizenLabSenegal => Find(Path.Combine("Targets", "Data", "citizenlab-sn.csv"));

    private static string Find(string relative)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, relative);
        Assert.That(File.Exists(path), Is.True, $"{path} missing: tests/Probe.Tests/Probe.Tests.csproj copies Targets/Data to the test output");
        return path;
    }
}
