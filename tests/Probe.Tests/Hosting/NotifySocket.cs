using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting.Systemd;

namespace Probe.Tests.Hosting;

/// <summary>A unix datagram socket the test owns, standing in for systemd's NOTIFY_SOCKET.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("probe-notify-").FullName;
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public NotifySocket()
    {
        Path = System.IO.Path.Combine(_directory, "notify.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    /// <summary>The real notifier of Microsoft.Extensions.Hosting.Systemd, pointed at this socket the way systemd does it.</summary>
    public SystemdNotifier CreateNotifier()
    {
        var previous = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", Path);
        try
        {
            return new SystemdNotifier();
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", previous);
        }
    }

    /// <summary>Every datagram received so far (they are queued as soon as the notifier returns).</summary>
    public IReadOnlyList<string> Drain()
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (_socket.Available > 0)
        {
            var length = _socket.Receive(buffer);
            messages.Add(Encoding.UTF8.GetString(buffer, 0, length).Trim());
        }

        return messages;
    }

    public void Dispose()
    {
        _socket.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
