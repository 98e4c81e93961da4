namespace Probe.Packaging.Tests;

/// <summary>
/// packaging/build-deb.sh end to end: both packages build, lintian finds no error, the contents
/// and conffiles are right, and the NativeAOT binary runs through /usr/bin/probe (arm64 under Debian's qemu).
/// Needs packaging/test-deps.sh (lintian, clang, lld, the arm64 cross libc, qemu-user-static, libc6:arm64).
/// </summary>
[Category("Integration")]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DebianPackageTests
{
    // What a volunteer downloads (xz-compressed; the NativeAOT binary itself is about 36 MB unpacked).
    private const long MaxPackageBytes = 20L * 1024 * 1024;
    private DebianPackageFixture? _fixture;

    private DebianPackageFixture Fixture => _fixture ?? throw new InvalidOperationException("fixture not built");

    [OneTimeSetUp]
    public async Task BuildPackages() => _fixture = await DebianPackageFixture.CreateAsync();

    [OneTimeTearDown]
    public void RemovePackages() => _fixture?.Dispose();

    [Test]
    public void BuildDeb_BothArchitectures_BuildAndPassLintian()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Fixture.Build.ExitCode, Is.Zero, Fixture.Build.Output);
            Assert.That(Fixture.Build.Stdout, Does.Contain($"lintian: no errors in probe_{Fixture.Version}_arm64.deb"));
            Assert.That(Fixture.Build.Stdout, Does.Contain($"lintian: no errors in probe_{Fixture.Version}_amd64.deb"));
        });
    }

    [TestCase("arm64")]
    [TestCase("amd64")]
    public void Package_Tree_HoldsBinaryUnitConfigAndDocs(string arch)
    {
        var tree = Fixture.TreeOf(arch);

        Assert.Multiple(() =>
        {
            foreach (var file in new[]
            {
                "usr/bin/probe", "usr/lib/probe/probe", "usr/lib/probe/libe_sqlite3.so", "lib/systemd/system/probe.service", "etc/probe/probe.json",
                "usr/share/doc/probe/copyright", "usr/share/doc/probe/changelog.gz", "usr/share/man/man1/probe.1.gz",
            })
            {
                Assert.That(File.Exists(Path.Combine(tree, file)), Is.True, file);
            }

            Assert.That(File.ReadAllText(Path.Combine(tree, "lib/systemd/system/probe.service")),
                Is.EqualTo(File.ReadAllText(RepositoryRoot.File("systemd", "probe.service"))));
            Assert.That(new FileInfo(Path.Combine(tree, "usr/bin/probe")).LinkTarget, Is.EqualTo("../lib/probe/probe"));
            Assert.That(File.GetUnixFileMode(Path.Combine(tree, "usr/lib/probe/probe")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        });
    }

    [TestCase("arm64")]
    [TestCase("amd64")]
    public async Task Package_Control_NamesArchitectureVersionAndConffile(string arch)
    {
        var control = await ToolRun.RunAsync("dpkg-deb", ["-f", Fixture.DebOf(arch)], TimeSpan.FromMinutes(1));
        var conffiles = await ToolRun.RunAsync("dpkg-deb", ["-I", Fixture.DebOf(arch), "conffiles"], TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(control.Stdout, Does.Contain($"Architecture: {arch}\n").And.Contain($"Version: {Fixture.Version}\n"));
            Assert.That(control.Stdout, Does.Contain("Depends: adduser"));
            Assert.That(conffiles.Stdout.Trim(), Is.EqualTo("/etc/probe/probe.json"));
        });
    }

    [TestCase("arm64", "ARM aarch64")]
    [TestCase("amd64", "x86-64")]
    public async Task Package_AtMost20MB_HoldsNativeBinaryAndSqliteOnly(string arch, string machine)
    {
        var deb = new FileInfo(Fixture.DebOf(arch));
        var directory = Path.Combine(Fixture.TreeOf(arch), "usr/lib/probe");
        var file = await ToolRun.RunAsync("file", ["-b", Path.Combine(directory, "probe")], TimeSpan.FromMinutes(1));
        TestContext.Out.WriteLine($"{arch} package: {deb.Length} bytes; {file.Stdout}");

        Assert.Multiple(() =>
        {
            Assert.That(deb.Length, Is.LessThanOrEqualTo(MaxPackageBytes));
            // Entries, not files: a satellite-assembly folder (fr/) would mean the catalog left the binary.
            Assert.That(Directory.GetFileSystemEntries(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "probe", "libe_sqlite3.so" }), "nothing else beside the binary");
            Assert.That(file.Stdout, Does.StartWith("ELF 64-bit").And.Contain(machine));
        });
    }

    [TestCase("amd64")]
    [TestCase("arm64")]
    public async Task Binary_ThroughSymlink_OpensItsStore(string arch)
    {
        var probe = Path.Combine(Fixture.TreeOf(arch), "usr/bin/probe");
        var dir = Directory.CreateTempSubdirectory("probe-store-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "probe.json"), $$"""
                { "Probe": { "Id": "store-01", "Store": { "Path": "{{dir}}/results.db" }, "Leds": { "Driver": "none" } } }
                """);
            string[] status = ["status", "--config", Path.Combine(dir, "probe.json")];

            // status opens the SQLite store: libe_sqlite3.so is found beside the binary, not beside the symlink.
            var run = arch == "amd64"
                ? await ToolRun.RunAsync(probe, status, TimeSpan.FromMinutes(1))
                : await ToolRun.RunAsync(ToolRun.Require("qemu-aarch64-static", "qemu-user-static"), [probe, .. status], TimeSpan.FromMinutes(5));

            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.Multiple(() =>
            {
                Assert.That(run.Stdout, Does.Contain("0 rows"), run.Output);
                Assert.That(File.Exists(Path.Combine(dir, "results.db")), Is.True);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Binary_Amd64_RunsHelp()
    {
        var run = await ToolRun.RunAsync(Path.Combine(Fixture.TreeOf("amd64"), "usr/bin/probe"), ["--help"], TimeSpan.FromMinutes(1));

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Stdout, Does.Contain("check").And.Contain("upload").And.Contain("leds"));
    }

    [Test]
    public async Task Binary_Arm64UnderQemu_RunsHelp()
    {
        var qemu = ToolRun.Require("qemu-aarch64-static", "qemu-user-static");
        Assert.That(File.Exists("/lib/ld-linux-aarch64.so.1"), Is.True,
            "the arm64 C runtime is missing: dpkg --add-architecture arm64 && apt-get install libc6:arm64 libstdc++6:arm64 (packaging/test-deps.sh)");

        var run = await ToolRun.RunAsync(qemu, [Path.Combine(Fixture.TreeOf("arm64"), "usr/bin/probe"), "--help"], TimeSpan.FromMinutes(5));

        Assert.That(run.ExitCode, Is.Zero, run.Output);
    }

    /// <summary>The French catalog is embedded in the arm64 NativeAOT binary and chosen from the locale or from Probe.Language (issue 14).</summary>
    [TestCase("locale")]
    [TestCase("config")]
    public async Task Binary_Arm64UnderQemu_HelpInFrench(string source)
    {
        var qemu = ToolRun.Require("qemu-aarch64-static", "qemu-user-static");
        var dir = Directory.CreateTempSubdirectory("probe-fr-").FullName;
        try
        {
            var config = Path.Combine(dir, "probe.json");
            File.WriteAllText(config, """{ "Probe": { "Language": "fr" } }""");
            var environment = new Dictionary<string, string?> { ["LC_ALL"] = null, ["LC_MESSAGES"] = null, ["LANG"] = source == "locale" ? "fr_SN.UTF-8" : "C.UTF-8" };
            string[] help = source == "locale" ? ["--help"] : ["check", "--help", "--config", config];

            var run = await ToolRun.RunAsync(qemu, [Path.Combine(Fixture.TreeOf("arm64"), "usr/bin/probe"), .. help], TimeSpan.FromMinutes(5), environment);

            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(run.Stdout, Does.Contain(source == "locale" ? "une sonde qui mesure les coupures d’internet" : "Fait tout de suite une tournée complète de mesures"), run.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Binary_Arm64UnderQemu_ChecksLoopbackServers()
    {
        var qemu = ToolRun.Require("qemu-aarch64-static", "qemu-user-static");

        await CheckLoopbackServersAsync(qemu, [Path.Combine(Fixture.TreeOf("arm64"), "usr/bin/probe")]);
    }

    /// <summary>
    /// The unit sets MemoryDenyWriteExecute=yes, which systemd enforces with the kernel's PR_SET_MDWE where it has it
    /// (Linux 6.3+; else a seccomp filter with the same rule): no page may ever be writable and executable. The
    /// NativeAOT binary never writes code, so it must check, store and judge as usual under it (a JIT build crashes).
    /// </summary>
    [Test]
    public async Task Binary_Amd64UnderMemoryDenyWriteExecute_ChecksLoopbackServers()
    {
        var clang = ToolRun.Require("clang", "clang");
        var dir = Directory.CreateTempSubdirectory("probe-mdwe-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "mdwe-exec.c"), """
                #include <stdio.h>
                #include <sys/prctl.h>
                #include <unistd.h>
                int main(int argc, char **argv) {
                  if (prctl(65 /* PR_SET_MDWE */, 1 /* PR_MDWE_REFUSE_EXEC_GAIN */, 0L, 0L, 0L) != 0) { perror("prctl(PR_SET_MDWE), Linux 6.3+"); return 126; }
                  execv(argv[1], argv + 1);
                  perror("execv");
                  return 127;
                }
                """);
            var launcher = Path.Combine(dir, "mdwe-exec");
            var build = await ToolRun.RunAsync(clang, ["-O2", "-o", launcher, Path.Combine(dir, "mdwe-exec.c")], TimeSpan.FromMinutes(2));
            Assert.That(build.ExitCode, Is.Zero, build.Output);

            await CheckLoopbackServersAsync(launcher, [Path.Combine(Fixture.TreeOf("amd64"), "usr/bin/probe")]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs <c>probe check --json --no-store</c> through <paramref name="program"/> against two loopback nginx sites; both must answer 200 and the verdict be online.</summary>
    private static async Task CheckLoopbackServersAsync(string program, string[] probeCommand)
    {
        var nginx = ToolRun.Require("nginx", "nginx");
        var dir = Directory.CreateTempSubdirectory("probe-loopback-").FullName;
        var port = FreePort();
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            daemon off; master_process off; pid {{dir}}/nginx.pid; error_log {{dir}}/error.log; events {}
            http { access_log off; server { listen 127.1.0.1:{{port}}; listen 127.2.0.1:{{port}}; location / { return 200 "ok\n"; } } }
            """);
        File.WriteAllText(Path.Combine(dir, "probe.json"), $$"""
            { "Probe": { "Id": "loopback-01", "Gateway": { "Address": "127.0.0.1", "Ports": [1] },
              "Resolvers": [ { "Name": "system", "Address": "127.0.0.1:1" } ],
              "Targets": { "UseDefaults": false, "Items": [
                { "Name": "national", "Url": "http://127.1.0.1:{{port}}/", "Group": "national" },
                { "Name": "international", "Url": "http://127.2.0.1:{{port}}/", "Group": "international" } ] },
              "Checks": { "Timeout": "00:00:20", "BogonAllow": ["127.0.0.0/8"] }, "Leds": { "Driver": "none" } } }
            """);
        using var server = System.Diagnostics.Process.Start(nginx, ["-p", dir, "-c", Path.Combine(dir, "nginx.conf")]);
        try
        {
            await WaitForListenerAsync(port);

            var run = await ToolRun.RunAsync(program, [.. probeCommand, "check", "--json", "--no-store", "--config", Path.Combine(dir, "probe.json")], TimeSpan.FromMinutes(5));

            Assert.That(run.ExitCode, Is.Zero, run.Output);
            using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(json.RootElement.GetProperty("verdict").GetProperty("state").GetString(), Is.EqualTo("online"), run.Stdout);
                Assert.That(results.Count(r => r.GetProperty("kind").GetString() == "http" && r.GetProperty("status").GetInt32() == 200), Is.EqualTo(2));
            });
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse("127.1.0.1"), 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForListenerAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Parse("127.2.0.1"), port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(25);
            }
        }

        Assert.Fail($"nginx did not listen on 127.2.0.1:{port}");
    }
}
