namespace Probe.Checks;

/// <summary>The kind of a check, the <c>kind</c> field of a result.</summary>
public enum CheckKind
{
    Gateway,
    Dns,
    Tcp,
    Tls,
    Http,
    Throughput,
}
