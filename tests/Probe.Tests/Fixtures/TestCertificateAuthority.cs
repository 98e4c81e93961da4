using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Probe.Tests.Fixtures;

/// <summary>A throw-away CA made in C#: issues server certificates and writes everything as PEM to its own temp dir.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TestCertificateAuthority(string name, ECDsa key, X509Certificate2 certificate, string directory)
    {
        Name = name;
        _key = key;
        Certificate = certificate;
        Directory = directory;
        CaPemPath = Path.Combine(directory, $"{name}-ca.pem");
        File.WriteAllText(CaPemPath, certificate.ExportCertificatePem());
    }

    public string Name { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Where the CA and every issued certificate are written.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate as PEM: what Checks.TrustedCaFile points at.</summary>
    public string CaPemPath { get; }

    public static TestCertificateAuthority Create(string name = "probe-test")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("probe-ca-").FullName;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return new TestCertificateAuthority(name, key, certificate, directory);
    }

    /// <summary>Issues a server certificate for <paramref name="dnsNames"/>, valid now unless a window is given.</summary>
    public TestCertificate Issue(string fileName, IReadOnlyList<string> dnsNames, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        var from = notBefore ?? now.AddHours(-1);
        var to = notAfter ?? now.AddDays(30);
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), from, to, serial);
        var certPath = Path.Combine(Directory, $"{fileName}.crt");
        var keyPath = Path.Combine(Directory, $"{fileName}.key");
        File.WriteAllText(certPath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certPath, keyPath);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
