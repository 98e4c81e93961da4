namespace Probe.Packaging.Tests;

/// <summary>Builds both Debian packages once (packaging/build-deb.sh, lintian included) and unpacks them.</summary>
public sealed class DebianPackageFixture : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("probe-deb-test-");

    private DebianPackageFixture()
    {
    }

    public ToolRun Build { get; private set; } = new(-1, "", "");

    public string Version { get; } = ReadVersion();

    public string DebOf(string arch) => Path.Combine(_directory.FullName, $"probe_{Version}_{arch}.deb");

    /// <summary>Where the package of <paramref name="arch"/> was unpacked (dpkg-deb -x).</summary>
    public string TreeOf(string arch) => Path.Combine(_directory.FullName, "tree-" + arch);

    public static async Task<DebianPackageFixture> CreateAsync()
    {
        foreach (var (tool, package) in new[] { ("dotnet", "dotnet-sdk-10.0"), ("dpkg-deb", "dpkg"), ("lintian", "lintian") })
        {
            ToolRun.Require(tool, package);
        }

        var fixture = new DebianPackageFixture();
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name == "MSBUILD_EXE_PATH")
            .ToDictionary(name => name, _ => (string?)null);
        fixture.Build = await ToolRun.RunAsync(
            RepositoryRoot.File("packaging", "build-deb.sh"),
            ["--output", fixture._directory.FullName],
            TimeSpan.FromMinutes(20),
            environment);
        if (fixture.Build.ExitCode == 0)
        {
            foreach (var arch in new[] { "arm64", "amd64" })
            {
                var unpack = await ToolRun.RunAsync("dpkg-deb", ["-x", fixture.DebOf(arch), fixture.TreeOf(arch)], TimeSpan.FromMinutes(2));
                Assert.That(unpack.ExitCode, Is.Zero, unpack.Output);
            }
        }

        return fixture;
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static string ReadVersion()
    {
        var props = File.ReadAllText(RepositoryRoot.File("Directory.Build.props"));
        var start = props.IndexOf("<Version>", StringComparison.Ordinal) + "<Version>".Length;
        return props[start..props.IndexOf("</Version>", start, StringComparison.Ordinal)];
    }
}
