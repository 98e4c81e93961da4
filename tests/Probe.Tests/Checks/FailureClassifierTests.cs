using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Probe.Checks;

namespace Probe.Tests.Checks;

public sealed class FailureClassifierTests
{
    [TestCase(SocketError.ConnectionRefused, "connection_refused")]
    [TestCase(SocketError.ConnectionReset, "connection_reset")]
    [TestCase(SocketError.HostUnreachable, "host_unreachable")]
    [TestCase(SocketError.NetworkUnreachable, "network_unreachable")]
    [TestCase(SocketError.TimedOut, "generic_timeout_error")]
    public void Classify_SocketError_Word(SocketError error, string expected)
    {
        Assert.That(FailureClassifier.Classify(new SocketException((int)error)), Is.EqualTo(expected));
    }

    [Test]
    public void Classify_ResetInsideIoInsideHttp_ConnectionReset()
    {
        var e = new HttpRequestException(HttpRequestError.ConnectionError, "x", new IOException("y", new SocketException((int)SocketError.ConnectionReset)));

        Assert.That(FailureClassifier.Classify(e), Is.EqualTo(Failures.ConnectionReset));
    }

    [Test]
    public void Classify_UnexpectedEof_EofError()
    {
        Assert.That(FailureClassifier.Classify(new IOException("Received an unexpected EOF or 0 bytes from the transport stream.")), Is.EqualTo(Failures.Eof));
    }

    [Test]
    public void Classify_AuthenticationFailure_SslFailedHandshake()
    {
        Assert.That(FailureClassifier.Classify(new AuthenticationException("alert")), Is.EqualTo(Failures.SslFailedHandshake));
    }

    [Test]
    public void Classify_DnsFailureInsideHttp_DnsFailure()
    {
        var e = new HttpRequestException(HttpRequestError.ConnectionError, "x", new DnsFailureException(Failures.DnsNxdomain));

        Assert.That(FailureClassifier.Classify(e), Is.EqualTo(Failures.DnsNxdomain));
    }

    [Test]
    public void Classify_BadResponse_HttpRequestFailed()
    {
        Assert.That(FailureClassifier.Classify(new HttpRequestException(HttpRequestError.InvalidResponse, "bad")), Is.EqualTo(Failures.HttpRequestFailed));
    }

    [Test]
    public void Classify_UnknownWithAddresses_UnknownFailureWithoutAddresses()
    {
        var failure = FailureClassifier.Classify(new InvalidOperationException("bound 192.168.1.23:50122 and [2a01:e0a:1:2::5]:443 fe80::1%eth0"));

        Assert.Multiple(() =>
        {
            Assert.That(failure, Does.StartWith(Failures.UnknownPrefix));
            Assert.That(failure, Does.Not.Contain("192.168"));
            Assert.That(failure, Does.Not.Contain("2a01"));
            Assert.That(failure, Does.Not.Contain("fe80"));
        });
    }

    [TestCase(X509ChainStatusFlags.UntrustedRoot, "ssl_unknown_authority")]
    [TestCase(X509ChainStatusFlags.PartialChain, "ssl_unknown_authority")]
    [TestCase(X509ChainStatusFlags.NotTimeValid, "ssl_invalid_certificate")]
    [TestCase(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.UntrustedRoot, "ssl_invalid_certificate")]
    [TestCase(X509ChainStatusFlags.NotSignatureValid, "ssl_invalid_certificate")]
    public void ChainFailure_Status_Word(X509ChainStatusFlags flags, string expected)
    {
        Assert.That(CertificateJudge.ChainFailure([new X509ChainStatus { Status = flags }]), Is.EqualTo(expected));
    }
}
