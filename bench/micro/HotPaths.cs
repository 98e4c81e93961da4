using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Bench.Micro;

/// <summary>The per-result and per-round hot paths: result to row, row to line protocol, verdict over a full round.</summary>
[MemoryDiagnoser]
public class HotPaths
{
    private Func<CheckResult, object> _encode = null!;
    private Func<byte[], long, int> _writeRow = null!;
    private Func<ProbePoint, int> _writePoint = null!;
    private IVerdictEngine _engine = null!;
    private IReadOnlyList<CheckResult> _round = null!;
    private CheckResult _http = null!;
    private byte[] _fields = null!;
    private ProbePoint _point = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ProbeOptions { Id = "dakar-plateau-01", Region = "Dakar", Access = "fixed", Asn = 8346, Isp = "Sonatel" };
        options.Resolvers.Add(new ResolverOptions { Name = "system", Address = "system" });
        options.Resolvers.Add(new ResolverOptions { Name = "google", Address = "192.0.2.53", Reference = true });
        _encode = Internals.Encoder(options);
        _round = Round.Create();
        _http = _round[^1];
        var text = Internals.RowText(_encode(_http));
        _writeRow = Internals.RowWriter(text.Measurement, text.Tags);
        _writePoint = Internals.PointWriter();
        _fields = text.Fields;
        // The same point with decoded tags and field values (what fakes and tests hand the sinks): the generic path.
        var tags = Internals.TagDecoder()(text.Tags).Append(new("clock", "synced")).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var decoded = Internals.DecodedFields(text.Fields);
        _point = new ProbePoint(text.Measurement, tags, decoded, 1_764_331_200_000);
        _engine = new ServiceCollection().AddSingleton(Options.Create(options)).AddVerdicts()
            .BuildServiceProvider().GetRequiredService<IVerdictEngine>();
    }

    /// <summary>One http result to its stored row (RowEncoder: tags JSON and stored fields).</summary>
    [Benchmark]
    public object ResultToRow() => _encode(_http);

    /// <summary>One stored row (stored fields, its series' tags) to a point and one line of line protocol in a pooled buffer, as the upload does.</summary>
    [Benchmark]
    public int RowToLineProtocol() => _writeRow(_fields, 1_764_331_200_000);

    /// <summary>One line of line protocol from a point with decoded tag and field values (the generic path: fakes, tests).</summary>
    [Benchmark]
    public int PointToLineProtocol() => _writePoint(_point);

    /// <summary>The verdict over a full round of the default-catalog shape (161 results).</summary>
    [Benchmark]
    public Verdict VerdictOverFullRound() => _engine.Evaluate(_round);
}
