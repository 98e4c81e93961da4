using Probe.Report;

namespace Probe.Tests.Report;

/// <summary>An incident's evidence includes the confirming failures measured before its commit.</summary>
public sealed class LeadUpTests
{
    private const long T0 = 1_800_000_000_000;
    private const string CutFindings = """[{"state":"international_cut","targets":["intl-www"],"failure":"generic_timeout_error","kind":"tcp"}]""";

    [Test]
    public async Task BuildAsync_CutConfirmedByTwoFailingRounds_EvidenceStartsAtTheFirstFailure()
    {
        var rows = new List<ReportRow>
        {
            Verdict("online", 0, "[]"),
            Check(10, ok: true, "intl-www", "tcp"),
            Check(11, ok: true, "nat-www", "tcp"),
            Check(20, ok: false, "intl-www", "tcp"), // the cut: first failing round
            Check(20, ok: true, "intl-www", "dns"), // the national resolver still answers: not the kind the verdict names
            Check(21, ok: true, "nat-www", "tcp"),
            Check(30, ok: false, "intl-www", "tcp"), // second failing round: committed
            Verdict("international_cut", 31, CutFindings),
            Check(40, ok: false, "intl-www", "tcp"),
            Verdict("online", 50, "[]"),
        };

        var cut = (await CreateSut(rows)).Incidents.Single();

        Assert.That(cut.StartMs, Is.EqualTo(T0 + 31_000), "the incident itself starts at its commit");
        Assert.That(cut.Evidence.FromMs, Is.EqualTo(T0 + 20_000));
        Assert.That((cut.Evidence.Checks, cut.Evidence.Failed), Is.EqualTo((5L, 3L)), "20 s to 40 s: three failures, the dns and national successes");
    }

    [Test]
    public async Task BuildAsync_IncidentRightAfterAnother_ConfirmingChecksStayWithTheEarlierOne()
    {
        var rows = new List<ReportRow>
        {
            Verdict("online", 0, "[]"),
            Check(5, ok: false, "intl-www", "tcp"),
            Verdict("international_cut", 10, CutFindings),
            Check(15, ok: false, "intl-www", "tcp"),
            Check(16, ok: false, "nat-www", "tcp"),
            Verdict("full_shutdown", 20, """[{"state":"full_shutdown","targets":["intl-www","nat-www"],"kind":"tcp"}]"""),
            Check(25, ok: false, "nat-www", "tcp"),
        };

        var incidents = (await CreateSut(rows)).Incidents;

        Assert.That(incidents.Select(i => (i.State, i.Evidence.Checks)), Is.EqualTo(new[] { ("international_cut", 3L), ("full_shutdown", 1L) }));
        Assert.That(incidents[1].Evidence.FromMs, Is.EqualTo(T0 + 20_000));
    }

    [Test]
    public async Task BuildAsync_NoFailureBeforeTheCommit_EvidenceFromTheCommit()
    {
        var rows = new List<ReportRow>
        {
            Verdict("online", 0, "[]"), Check(10, ok: true, "intl-www", "tcp"), Verdict("international_cut", 20, CutFindings), Check(25, ok: false, "intl-www", "tcp"),
        };

        var cut = (await CreateSut(rows)).Incidents.Single();

        Assert.That((cut.Evidence.FromMs, cut.Evidence.Checks), Is.EqualTo((T0 + 20_000, 1L)));
    }

    private static async Task<ReportModel> CreateSut(List<ReportRow> rows) =>
        (await ReportBuilder.BuildAsync(new ListRows(rows), null, null, DateTimeOffset.UnixEpoch, "test", CancellationToken.None))!;

    private static ReportRow Verdict(string state, long seconds, string findings) =>
        new("probe_verdict", new Dictionary<string, string> { ["probe"] = "p1" }, new Dictionary<string, object> { ["state"] = state, ["findings"] = findings }, T0 + (seconds * 1000));

    private static ReportRow Check(long seconds, bool ok, string target, string kind) =>
        new("probe_check", new Dictionary<string, string> { ["probe"] = "p1", ["target"] = target, ["kind"] = kind, ["group"] = target.StartsWith("intl", StringComparison.Ordinal) ? "international" : "national" },
            new Dictionary<string, object> { ["ok"] = ok }, T0 + (seconds * 1000));
}
