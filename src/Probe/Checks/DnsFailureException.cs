namespace Probe.Checks;

/// <summary>Carries a dns failure out of a connect step, so tcp/tls/http report the resolution failure itself.</summary>
internal sealed class DnsFailureException : Exception
{
    public DnsFailureException(string failure)
        : base(failure) => Failure = failure;

    public DnsFailureException()
        : this(Failures.DnsServerMisbehaving)
    {
    }

    public DnsFailureException(string message, Exception innerException)
        : base(message, innerException) => Failure = message;

    public string Failure { get; }
}
