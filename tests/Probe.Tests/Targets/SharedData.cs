namespace Probe.Tests.Targets;

/// <summary>Finds files of the shared/ folder that CI places next to the repository (never copied into it: licence).</summary>
internal static class SharedData
{
    public static string CitizenLabSenegal => Find(Path.Combine("shared", "data", "citizenlab-sn.csv"));

    private static string Find(string relative)
    {
        var repo = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Probe.sln")))
        {
            repo = repo.Parent;
        }

        Assert.That(repo, Is.Not.Null, "Probe.sln not found above the test assembly");

        // <repo root>/../shared in CI and for the lead; worktrees sit one level deeper, so keep walking up.
        for (var dir = repo!.Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"{relative} not found next to the repository ({repo.FullName}/../{relative}): copy the shared/ folder there");
        throw new InvalidOperationException();
    }
}
