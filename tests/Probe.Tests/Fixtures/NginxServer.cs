using System.Net;
using System.Text;

namespace Probe.Tests.Fixtures;

/// <summary>
/// A real nginx serving test sites on loopback (or inside a namespace), killed on Dispose. Every site has:
/// <c>/</c> 200 "ok &lt;name&gt;"; <c>/redirect/N</c> (N = 1..9) a chain of N 302s ending at <c>/</c>;
/// <c>/loop</c> a 302 to itself; <c>/big</c> a 1 GiB body (a sparse file, costs no disk); <c>/slow</c> a body sent
/// at one byte per second; <c>/throughput</c> a 256 KiB body of random bytes (throughput checks); <c>/huge-headers</c> a 200 with 40 kB of headers; <c>/status/404</c> and <c>/status/500</c>; under <c>/status/401/</c> a 401 with InfluxDB's JSON body (a store refusing the token).
/// </summary>
public sealed class NginxServer : IDisposable
{
    public const long BigBodyBytes = 1L << 30;
    public const int PageBytes = 8192;
    public const int ThroughputBodyBytes = 256 * 1024;
    private readonly FixtureProcess _process;

    private NginxServer(string directory, FixtureProcess process)
    {
        Directory = directory;
        _process = process;
    }

    public string Directory { get; }

    public string Output => _process.Output;

    /// <summary>
    /// One line per request: nginx's serial number of the connection it came on, <c>r</c> when its TLS session was
    /// resumed (else <c>.</c>), then the request line.
    /// </summary>
    public string AccessLogPath => Path.Combine(Directory, "access.log");

    public static NginxServer Start(IReadOnlyList<NginxSite> sites, NetworkNamespace? ns = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("probe-nginx-").FullName;
        using (var big = File.Create(Path.Combine(directory, "big.bin")))
        {
            big.SetLength(BigBodyBytes);
        }

        File.WriteAllText(Path.Combine(directory, "slow.txt"), new string('s', 64));
        File.WriteAllBytes(Path.Combine(directory, "throughput.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(ThroughputBodyBytes));
        File.WriteAllText(Path.Combine(directory, "page.txt"), string.Concat(Enumerable.Repeat("a page of news, said again and again. ", PageBytes / 38 + 1))[..PageBytes]);
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), Config(directory, sites));
        FixtureProcess? process = null;
        try
        {
            process = FixtureProcess.Start("nginx", "nginx-light", ["-p", directory, "-c", Path.Combine(directory, "nginx.conf")], ns);
            foreach (var site in sites)
            {
                foreach (var port in new[] { site.HttpPort, site.HttpsPort }.OfType<int>())
                {
                    process.WaitForTcp(new IPEndPoint(site.Address, port), ns);
                }
            }

            return new NginxServer(directory, process);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            process?.Dispose();
            var log = Path.Combine(directory, "error.log");
            var errors = File.Exists(log) ? File.ReadAllText(log) : "";
            System.IO.Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"nginx did not start: {e.Message} {errors}", e);
        }
        catch
        {
            process?.Dispose();
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string Config(string dir, IReadOnlyList<NginxSite> sites)
    {
        var c = new StringBuilder();
        c.AppendLine($"daemon off; master_process off; worker_processes 1; pid {dir}/nginx.pid; error_log {dir}/error.log warn;");
        c.AppendLine("events { worker_connections 256; }");
        c.AppendLine("http {");
        c.AppendLine($"  log_format conn '$connection $ssl_session_reused $request'; access_log {dir}/access.log conn;");
        c.AppendLine("  default_type text/plain; sendfile on; absolute_redirect off; keepalive_timeout 5;");
        c.AppendLine("  ssl_protocols TLSv1.2 TLSv1.3;");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            c.AppendLine($"  {temp}_temp_path {dir}/{temp}_temp;");
        }

        foreach (var site in sites)
        {
            c.AppendLine("  server {");
            c.AppendLine($"    server_name {string.Join(' ', site.ServerNames)};");
            var host = site.Address.ToString();
            if (site.HttpPort is { } http)
            {
                c.AppendLine($"    listen {host}:{http};");
            }

            if (site.HttpsPort is { } https)
            {
                c.AppendLine($"    listen {host}:{https} ssl;");
                if (site.RejectHandshake)
                {
                    c.AppendLine("    ssl_reject_handshake on;");
                }

                if (site.Certificate is { } cert)
                {
                    c.AppendLine($"    ssl_certificate {cert.CertificatePemPath}; ssl_certificate_key {cert.KeyPemPath};");
                }
            }

            c.AppendLine($"    location = / {{ return 200 \"ok {site.ServerNames[0]}\\n\"; }}");
            c.AppendLine("    location = /redirect/1 { return 302 /; }");
            for (var n = 2; n <= 9; n++)
            {
                c.AppendLine($"    location = /redirect/{n} {{ return 302 /redirect/{n - 1}; }}");
            }

            c.AppendLine("    location = /loop { return 302 /loop; }");
            c.AppendLine($"    location = /big {{ alias {dir}/big.bin; }}");
            c.AppendLine($"    location = /slow {{ limit_rate 1; alias {dir}/slow.txt; }}");
            c.AppendLine($"    location = /throughput {{ alias {dir}/throughput.bin; }}");
            var pads = string.Concat(Enumerable.Range(0, 10).Select(i => $"add_header X-Pad-{i} {new string('p', 4000)} always; "));
            c.AppendLine($"    location = /huge-headers {{ {pads}return 200 \"padded\\n\"; }}");
            if (site.HttpsPort is { } secure)
            {
                c.AppendLine($"    location = /to-https {{ return 302 https://$host:{secure}/; }}");
            }

            c.AppendLine($"    location = /page {{ gzip on; gzip_min_length 1; gzip_types text/plain; alias {dir}/page.txt; }}");
            c.AppendLine("    location = /status/404 { return 404; }");
            c.AppendLine("    location = /status/500 { return 500; }");
            // A result store that refuses every write (a wrong token): the sink's URL is /status/401, so writes go to /status/401/api/v2/write.
            c.AppendLine("    location ^~ /status/401/ { default_type application/json; return 401 '{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}'; }");
            c.AppendLine("  }");
        }

        c.AppendLine("}");
        return c.ToString();
    }
}
