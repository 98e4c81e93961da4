using Probe.Upload;

namespace Probe.Tests.Upload;

[Category("Integration")]
public sealed class ResilientSinkTests
{
    private static readonly string[] Kinds = ["influx1", "influx2"];

    private static ISink CreateSut(string kind, StubStoreServer server, UploadResilience? resilience = null) =>
        TestSinks.Create(kind == "influx1" ? TestSinks.Influx1(server.Url) : TestSinks.Influx2(server.Url), resilience);

    [TestCaseSource(nameof(Kinds))]
    public async Task WriteAsync_429WithRetryAfter_WaitsThatLongThenDelivers(string kind)
    {
        using var server = new StubStoreServer(i => i == 0 ? new StubAnswer(429, RetryAfterSeconds: 1) : StubAnswer.NoContent);
        var sut = CreateSut(kind, server);

        var outcome = await sut.WriteAsync(TestPoints.Checks(3, 1_795_000_000_000), CancellationToken.None);

        var requests = server.Requests;
        Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Delivered));
        Assert.That(requests, Has.Count.EqualTo(2));
        // The pipeline's own backoff is 10-50 ms here: a gap of a second can only come from Retry-After.
        Assert.That(requests[1].At - requests[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task WriteAsync_RetryAfterBeyondInlineLimit_StopsAtOnceAndReportsIt(string kind)
    {
        using var server = new StubStoreServer(_ => new StubAnswer(503, RetryAfterSeconds: 600));
        var sut = CreateSut(kind, server);

        var outcome = await sut.WriteAsync(TestPoints.Checks(3, 1_795_000_000_000), CancellationToken.None);

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(outcome.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(new UploadSchedule().NextDelay(outcome, 1), Is.EqualTo(TimeSpan.FromMinutes(10)), "the daemon waits it out");
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task WriteAsync_ServerErrors_RetriedThenUnavailable(string kind)
    {
        using var server = new StubStoreServer(_ => new StubAnswer(500));
        var sut = CreateSut(kind, server);

        var outcome = await sut.WriteAsync(TestPoints.Checks(3, 1_795_000_000_000), CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(server.Requests, Has.Count.EqualTo(1 + TestSinks.Fast.MaxRetryAttempts));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task WriteAsync_StoreNeverAnswers_EachAttemptTimesOut(string kind)
    {
        using var server = new StubStoreServer(_ => new StubAnswer(204, Hang: true));
        var sut = CreateSut(kind, server, TestSinks.Fast with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });

        var outcome = await sut.WriteAsync(TestPoints.Checks(3, 1_795_000_000_000), CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(outcome.Detail, Does.Contain("no answer"));
        Assert.That(server.Requests, Has.Count.EqualTo(1 + TestSinks.Fast.MaxRetryAttempts));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task WriteAsync_RepeatedOutages_CircuitOpensAndStopsCallingTheStore(string kind)
    {
        using var server = new StubStoreServer(_ => new StubAnswer(502));
        var sut = CreateSut(kind, server, TestSinks.Fast with
        {
            MaxRetryAttempts = 1, BreakerMinimumThroughput = 3, BreakDuration = TimeSpan.FromMinutes(5),
        });

        var outcomes = new List<SinkOutcome>();
        for (var i = 0; i < 6; i++)
        {
            outcomes.Add(await sut.WriteAsync(TestPoints.Checks(1, 1_795_000_000_000), CancellationToken.None));
        }

        // Write 1: two failed attempts; write 2: a third failure opens the circuit; writes 3-6 never reach the store.
        Assert.That(server.Requests, Has.Count.EqualTo(3));
        Assert.That(outcomes[^1].Detail, Does.Contain("circuit open"));
        Assert.That(outcomes, Has.All.Matches<SinkOutcome>(o => o.Kind == SinkOutcomeKind.Unavailable));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task WriteAsync_Unauthorized_NotRetried(string kind)
    {
        using var server = new StubStoreServer(_ => new StubAnswer(401));
        var sut = CreateSut(kind, server);

        var outcome = await sut.WriteAsync(TestPoints.Checks(1, 1_795_000_000_000), CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Refused));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }
}
