using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class SinkOutcomeTests
{
    [TestCase(200, SinkOutcomeKind.Delivered)]
    [TestCase(204, SinkOutcomeKind.Delivered)]
    [TestCase(400, SinkOutcomeKind.Rejected)]
    [TestCase(413, SinkOutcomeKind.Rejected)]
    [TestCase(422, SinkOutcomeKind.Rejected)]
    [TestCase(401, SinkOutcomeKind.Refused)]
    [TestCase(403, SinkOutcomeKind.Refused)]
    [TestCase(404, SinkOutcomeKind.Refused)]
    [TestCase(405, SinkOutcomeKind.Refused)]
    [TestCase(410, SinkOutcomeKind.Refused)]
    [TestCase(415, SinkOutcomeKind.Refused)]
    [TestCase(426, SinkOutcomeKind.Refused)]
    [TestCase(408, SinkOutcomeKind.Unavailable)]
    [TestCase(409, SinkOutcomeKind.Unavailable)]
    [TestCase(429, SinkOutcomeKind.Unavailable)]
    [TestCase(500, SinkOutcomeKind.Unavailable)]
    [TestCase(503, SinkOutcomeKind.Unavailable)]
    public void FromStatus_Status_ClassifiedAsDesignSays(int status, SinkOutcomeKind expected)
    {
        Assert.That(SinkOutcome.FromStatus(status, null, null).Kind, Is.EqualTo(expected));
    }

    [Test]
    public void FromStatus_429WithRetryAfter_KeepsIt()
    {
        Assert.That(SinkOutcome.FromStatus(429, TimeSpan.FromSeconds(7), null).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }
}
