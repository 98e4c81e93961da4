using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Probe.Checks;

/// <summary>Finds the IPv4 default gateway in /proc/net/route.</summary>
internal static class DefaultRoute
{
    private const int RouteUp = 0x1;
    private const int RouteGateway = 0x2;

    /// <summary>The gateway of the default route with the lowest metric, or null when there is none.</summary>
    public static IPAddress? ParseGateway(string procNetRoute)
    {
        IPAddress? best = null;
        var bestMetric = int.MaxValue;
        foreach (var line in procNetRoute.Split('\n').Skip(1))
        {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT
            var f = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8
                || !TryHex(f[1], out var destination) || destination != 0
                || !TryHex(f[7], out var mask) || mask != 0
                || !TryHex(f[2], out var gateway) || gateway == 0
                || !TryHex(f[3], out var flags) || (flags & (RouteUp | RouteGateway)) != (RouteUp | RouteGateway)
                || !int.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var metric))
            {
                continue;
            }

            if (metric < bestMetric)
            {
                bestMetric = metric;
                best = ToAddress(gateway);
            }
        }

        return best;
    }

    private static bool TryHex(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);

    // The kernel prints the address as a host-order (little-endian on every Pi) 32-bit number.
    private static IPAddress ToAddress(uint hostOrder)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, hostOrder);
        return new IPAddress(bytes);
    }
}
