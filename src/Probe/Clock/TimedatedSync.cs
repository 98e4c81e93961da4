using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Probe.Clock;

/// <summary>
/// systemd-timedated's <c>NTPSynchronized</c> property, read over the D-Bus system bus with the few bytes of the
/// wire protocol it takes (no library: a synchronous call that survives trimming and NativeAOT by construction).
/// timedated computes it from the kernel's adjtimex state, so it covers chrony, ntpd and timesyncd alike, and it
/// works under the unit's ProtectClock=yes, which forbids even the read-only adjtimex to the probe itself.
/// </summary>
internal static class TimedatedSync
{
    internal const string DefaultSystemBus = "/run/dbus/system_bus_socket";
    private const string Service = "org.freedesktop.timedate1";
    private const uint GetSerial = 2;
    private const int MaxMessageBytes = 64 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The system bus's socket: DBUS_SYSTEM_BUS_ADDRESS's <c>unix:path=</c> when set, else the standard path.</summary>
    public static string SystemBusPath(string? address)
    {
        const string prefix = "unix:path=";
        if (address is null || !address.StartsWith(prefix, StringComparison.Ordinal))
        {
            return DefaultSystemBus;
        }

        var path = address[prefix.Length..];
        var comma = path.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? path : path[..comma];
    }

    /// <summary>timedated's answer, or null when there is no bus, no timedated, an error or an answer that is not a boolean.</summary>
    public static bool? NtpSynchronized(string busPath)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(busPath));
            using var stream = new NetworkStream(socket, ownsSocket: false);
            if (!Authenticate(stream))
            {
                return null;
            }

            // Hello must be the first call; the Get may follow without waiting for its answer.
            var hello = DBusMessage.MethodCall(1, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello", "", []);
            var get = DBusMessage.MethodCall(GetSerial, Service, "/org/freedesktop/timedate1", "org.freedesktop.DBus.Properties", "Get", "ss", [Service, "NTPSynchronized"]);
            stream.Write([.. hello, .. get]);
            return ReadAnswer(stream);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    // SASL EXTERNAL without an identity: the bus takes the peer credentials of the socket, so a user
    // namespace (PrivateUsers=yes) cannot make the claimed uid disagree with the one the bus sees.
    private static bool Authenticate(NetworkStream stream)
    {
        stream.Write("\0AUTH EXTERNAL\r\n"u8);
        if (!ReadLine(stream).StartsWith("DATA", StringComparison.Ordinal))
        {
            return false;
        }

        stream.Write("DATA\r\n"u8);
        if (!ReadLine(stream).StartsWith("OK ", StringComparison.Ordinal))
        {
            return false;
        }

        stream.Write("BEGIN\r\n"u8);
        return true;
    }

    private static string ReadLine(NetworkStream stream)
    {
        var line = new StringBuilder();
        while (line.Length < 512)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                break;
            }

            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)b);
        }

        return line.ToString();
    }

    private static bool? ReadAnswer(NetworkStream stream)
    {
        // Skip what comes first (Hello's reply, the NameAcquired signal) until the answer to the Get.
        for (var i = 0; i < 16; i++)
        {
            var fixedPart = new byte[16];
            stream.ReadExactly(fixedPart);
            var little = fixedPart[0] == 'l';
            var bodyLength = ReadUInt32(fixedPart, 4, little);
            var fieldsLength = ReadUInt32(fixedPart, 12, little);
            var headerEnd = DBusMessage.Align(16 + (int)fieldsLength, 8);
            if (fieldsLength > MaxMessageBytes || bodyLength > MaxMessageBytes)
            {
                return null;
            }

            var rest = new byte[headerEnd - 16 + (int)bodyLength];
            stream.ReadExactly(rest);
            var message = (byte[])[.. fixedPart, .. rest];
            if (DBusMessage.ReplySerial(message, 16 + (int)fieldsLength, little) != GetSerial)
            {
                continue;
            }

            const byte methodReturn = 2;
            return message[1] == methodReturn ? DBusMessage.BooleanVariant(message, headerEnd, little) : null;
        }

        return null;
    }

    private static uint ReadUInt32(byte[] data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
}
