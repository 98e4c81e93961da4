using System.Buffers.Binary;
using System.Text;

namespace Probe.Clock;

/// <summary>
/// The part of the D-Bus message format (dbus-specification, "Message Protocol") that <see cref="TimedatedSync"/>
/// needs: writing a method call with string arguments, and reading a reply's serial and a boolean variant.
/// </summary>
internal static class DBusMessage
{
    private const byte FieldPath = 1;
    private const byte FieldInterface = 2;
    private const byte FieldMember = 3;
    private const byte FieldReplySerial = 5;
    private const byte FieldDestination = 6;
    private const byte FieldSignature = 8;

    public static int Align(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>A little-endian METHOD_CALL whose arguments are all strings (<paramref name="signature"/> is "", "s", "ss", …).</summary>
    public static byte[] MethodCall(uint serial, string destination, string path, string iface, string member, string signature, string[] arguments)
    {
        var body = new List<byte>();
        foreach (var argument in arguments)
        {
            WriteString(body, argument);
        }

        var message = new List<byte> { (byte)'l', 1, 0, 1 };
        WriteUInt32(message, (uint)body.Count);
        WriteUInt32(message, serial);
        var fields = new List<byte>();
        WriteField(fields, FieldPath, 'o', path);
        WriteField(fields, FieldDestination, 's', destination);
        WriteField(fields, FieldInterface, 's', iface);
        WriteField(fields, FieldMember, 's', member);
        if (signature.Length > 0)
        {
            WriteField(fields, FieldSignature, 'g', signature);
        }

        WriteUInt32(message, (uint)fields.Count);
        message.AddRange(fields);
        Pad(message, 8);
        message.AddRange(body);
        return [.. message];
    }

    /// <summary>The REPLY_SERIAL header field of a message, or 0 when it has none or its fields cannot be read.</summary>
    public static uint ReplySerial(byte[] message, int fieldsEnd, bool little)
    {
        var offset = 16;
        while (true)
        {
            offset = Align(offset, 8);
            if (offset + 3 > fieldsEnd)
            {
                return 0;
            }

            var code = message[offset];
            var signatureLength = message[offset + 1];
            if (signatureLength != 1 || offset + 4 > fieldsEnd)
            {
                return 0;
            }

            var type = (char)message[offset + 2];
            offset += 4;
            switch (type)
            {
                case 'u':
                    offset = Align(offset, 4);
                    var value = ReadUInt32(message, offset, little);
                    if (code == FieldReplySerial)
                    {
                        return value;
                    }

                    offset += 4;
                    break;
                case 's' or 'o':
                    offset = Align(offset, 4);
                    offset += 4 + (int)ReadUInt32(message, offset, little) + 1;
                    break;
                case 'g':
                    offset += 1 + message[offset] + 1;
                    break;
                default:
                    return 0;
            }
        }
    }

    /// <summary>The body of a Properties.Get reply when it is a variant holding a boolean; null otherwise.</summary>
    public static bool? BooleanVariant(byte[] message, int bodyStart, bool little)
    {
        // variant = signature "b" (length byte, 'b', NUL), then the boolean as a 4-byte-aligned uint32.
        if (message.Length < bodyStart + 8 || message[bodyStart] != 1 || message[bodyStart + 1] != 'b')
        {
            return null;
        }

        return ReadUInt32(message, Align(bodyStart + 3, 4), little) switch
        {
            0 => false,
            1 => true,
            _ => null,
        };
    }

    private static void WriteField(List<byte> fields, byte code, char type, string value)
    {
        Pad(fields, 8);
        fields.Add(code);
        fields.Add(1);
        fields.Add((byte)type);
        fields.Add(0);
        if (type == 'g')
        {
            fields.Add((byte)value.Length);
            fields.AddRange(Encoding.ASCII.GetBytes(value));
            fields.Add(0);
        }
        else
        {
            WriteString(fields, value);
        }
    }

    private static void WriteString(List<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUInt32(buffer, (uint)bytes.Length);
        buffer.AddRange(bytes);
        buffer.Add(0);
    }

    private static void WriteUInt32(List<byte> buffer, uint value)
    {
        Pad(buffer, 4);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        buffer.AddRange(bytes);
    }

    private static void Pad(List<byte> buffer, int alignment)
    {
        while (buffer.Count % alignment != 0)
        {
            buffer.Add(0);
        }
    }

    private static uint ReadUInt32(byte[] data, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
}
