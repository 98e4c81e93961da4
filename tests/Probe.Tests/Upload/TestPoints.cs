using Probe.Storage;

namespace Probe.Tests.Upload;

/// <summary>Realistic points of the schema (PROBE.md section 3), with the awkward characters line protocol must escape.</summary>
internal static class TestPoints
{
    private static readonly string[] Kinds = ["dns", "tcp", "tls", "http"];
    private static readonly string[] Failures = ["", "connection_reset", "dns_nxdomain_error", "generic_timeout_error"];

    /// <summary>Probe_check points one second apart, starting a few minutes before <paramref name="startMs"/>'s hour.</summary>
    public static List<ProbePoint> Checks(int count, long startMs, string probe = "dakar-plateau-01")
    {
        var points = new List<ProbePoint>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var failure = Failures[i % 7 % Failures.Length];
            points.Add(Check(startMs + (i * 1000L), probe, kind, $"target-{i % 13}", failure, i));
        }

        return points;
    }

    public static ProbePoint Check(long timestampMs, string probe, string kind, string target, string failure, int n, string group = "international", string platform = "")
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["probe"] = probe,
            ["asn"] = "8346",
            ["isp"] = "Sonatel, Orange=SN", // comma, space and equals: escaped in tag values
            ["access"] = "fixed",
            ["region"] = "Dakar Plateau",
            ["group"] = group,
            ["platform"] = platform,
            ["target"] = target,
            ["kind"] = kind,
            ["resolver"] = kind == "dns" ? "system" : "",
            ["qtype"] = kind == "dns" ? "A" : "",
            ["port"] = kind is "tcp" or "tls" ? "443" : "",
            ["lane"] = n % 2 == 0 ? "round" : "sentinel",
            ["failure"] = failure,
            ["clock"] = "synced",
        };
        var ok = failure.Length == 0;
        var fields = new List<KeyValuePair<string, object>>
        {
            new("ok", ok),
            new("total_ms", 10.25 + n),
            new("connect_ms", 3.5),
        };
        if (kind == "dns")
        {
            fields.Add(new("rcode", ok ? "NOERROR" : "NXDOMAIN"));
            fields.Add(new("answers", ok ? "[\"192.0.2.10\",\"192.0.2.11\"]" : "[]"));
        }

        if (kind == "http")
        {
            fields.Add(new("status", 200L));
            fields.Add(new("bytes", 65536L + n));
            fields.Add(new("address", "192.0.2.20"));
        }

        if (n % 5 == 0)
        {
            fields.Add(new("answers", "say \"hi\" with a \\ backslash")); // quotes and backslash in a string field
        }

        return new ProbePoint("probe_check", tags.Where(t => t.Value.Length > 0).ToList(),
            fields.DistinctBy(f => f.Key).ToList(), timestampMs);
    }

    public static ProbePoint Verdict(long timestampMs, string state, string previous, string probe = "dakar-plateau-01", string isp = "Sonatel", string findings = "[]") =>
        new("probe_verdict",
            [new("access", "fixed"), new("asn", "8346"), new("clock", "synced"), new("isp", isp), new("probe", probe), new("region", "Dakar")],
            [new("state", state), new("previous", previous), new("findings", findings)],
            timestampMs);

    public static ProbePoint Health(long timestampMs, string probe = "dakar-plateau-01") =>
        new("probe_health",
            [new("probe", probe)],
            [new("buffer_rows", 1234L), new("buffer_bytes", 456789L), new("dropped_total", 0L), new("upload_lag_s", 1.5),
             new("rss_bytes", 50_000_000L), new("cpu_seconds", 12.25), new("uptime_s", 3600.0), new("clock_synced", true)],
            timestampMs);

    /// <summary>A mixed backlog: check results, state changes and health samples of one probe.</summary>
    public static List<ProbePoint> Backlog(int checks, long startMs)
    {
        var points = Checks(checks, startMs);
        points.Add(Verdict(startMs + 30_500, "international_cut", "online", findings: "[{\"state\":\"international_cut\"}]"));
        points.Add(Verdict(startMs + 90_500, "online", "international_cut"));
        points.Add(Health(startMs + 60_250));
        points.Add(Health(startMs + 120_250));
        return points;
    }

    /// <summary>Now minus an hour, at whole seconds: recent enough for VictoriaMetrics' retention, old enough to be queryable.</summary>
    public static long RecentStartMs() => (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 3600) * 1000;
}
