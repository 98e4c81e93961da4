using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Bench.Micro;

/// <summary>The per-result and per-round hot paths: result to row, row to line protocol, verdict over a full round.</summary>
[MemoryDiagnoser]
public class HotPaths
{
    private Func<CheckResult, object> _encode = null!;
    private Func<string, IReadOnlyList<KeyValuePair<string, string>>, string, long, ProbePoint> _decode = null!;
    private Func<ProbePoint, string> _format = null!;
    private IVerdictEngine _engine = null!;
    private IReadOnlyList<CheckResult> _round = null!;
    private CheckResult _http = null!;
    private (string Measurement, IReadOnlyList<KeyValuePair<string, string>> Tags, string Fields) _row;
    private ProbePoint _point = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ProbeOptions { Id = "dakar-plateau-01", Region = "Dakar", Access = "fixed", Asn = 8346, Isp = "Sonatel" };
        options.Resolvers.Add(new ResolverOptions { Name = "system", Address = "system" });
        options.Resolvers.Add(new ResolverOptions { Name = "google", Address = "192.0.2.53", Reference = true });
        _encode = Internals.Encoder(options);
        _decode = Internals.RowDecoder();
        _format = Internals.LineFormatter();
        _round = Round.Create();
        _http = _round[^1];
        var text = Internals.RowText(_encode(_http));
        _row = (text.Measurement, Internals.TagDecoder()(text.Tags), text.Fields);
        _point = _decode(_row.Measurement, _row.Tags, _row.Fields, 1_764_331_200_000);
        _engine = new ServiceCollection().AddSingleton(Options.Create(options)).AddVerdicts()
            .BuildServiceProvider().GetRequiredService<IVerdictEngine>();
    }

    /// <summary>One http result to its stored row (PointEncoder: tags and fields JSON).</summary>
    [Benchmark]
    public object ResultToRow() => _encode(_http);

    /// <summary>One stored row back to a point (PointDecoder), then one line of line protocol (LineProtocol.Format).</summary>
    [Benchmark]
    public string RowToLineProtocol() => _format(_decode(_row.Measurement, _row.Tags, _row.Fields, 1_764_331_200_000));

    /// <summary>Only the line-protocol formatting of a decoded point (InfluxDB.Client PointData).</summary>
    [Benchmark]
    public string PointToLineProtocol() => _format(_point);

    /// <summary>The verdict over a full round of the default-catalog shape (161 results).</summary>
    [Benchmark]
    public Verdict VerdictOverFullRound() => _engine.Evaluate(_round);
}
