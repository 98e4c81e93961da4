namespace Probe.Packaging.Tests;

/// <summary>Finds files of the repository the tests were built from.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Probe.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Probe.sln above {TestContext.CurrentContext.TestDirectory}");
    }
}
