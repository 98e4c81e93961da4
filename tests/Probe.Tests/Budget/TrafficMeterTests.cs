using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using Probe.Budget;
using Probe.Checks;

namespace Probe.Tests.Budget;

/// <summary>The meter at the connection seam, against a real loopback listener: payload, headers and the close.</summary>
[Category("Integration")]
public sealed class TrafficMeterTests
{
    [Test]
    public async Task ConnectAsync_SendThenAbort_CountsPayloadHandshakeAndReset()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var meter = new TrafficMeter();
        var payload = new byte[10_000];

        var socket = await TcpConnector.ConnectAsync((IPEndPoint)listener.LocalEndpoint, CancellationToken.None, meter: meter);
        using var accepted = await listener.AcceptSocketAsync();
        await socket.SendAsync(payload);
        var received = 0;
        var buffer = new byte[16_384];
        while (received < payload.Length)
        {
            received += await accepted.ReceiveAsync(buffer);
        }

        TargetConnection.Abort(socket);

        // 10 000 bytes of payload, SYN, SYN-ACK, ACK, at least one data segment and its ACK, the RST: each with 52 bytes of headers.
        Assert.That(meter.Checks, Is.InRange(10_000 + (5 * 52), 10_000 + (40 * 52)));
    }

    [Test]
    public async Task ConnectAsync_Refused_CountsTheSynAndNothingElse()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        var meter = new TrafficMeter();

        Assert.ThrowsAsync<SocketException>(() => TcpConnector.ConnectAsync(endpoint, CancellationToken.None, meter: meter));

        Assert.That(meter.Checks, Is.InRange(40, 200));
    }
}
