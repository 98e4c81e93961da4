namespace Probe.Tests.Fixtures;

/// <summary>A server certificate and its key, as PEM files nginx can load.</summary>
public sealed record TestCertificate(string CertificatePemPath, string KeyPemPath);
