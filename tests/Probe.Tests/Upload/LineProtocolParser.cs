using System.Globalization;
using System.Text;

namespace Probe.Tests.Upload;

/// <summary>A strict, independent line-protocol reader for tests: proves what the exporter and sinks print parses back to the same point.</summary>
internal static class LineProtocolParser
{
    public static IReadOnlyList<ParsedPoint> ParseAll(string text) =>
        text.Split('\n').Where(l => l.Length > 0).Select(Parse).ToList();

    public static ParsedPoint Parse(string line)
    {
        var i = 0;
        var measurement = ReadUntil(line, ref i, ", ");
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (line[i] == ',')
        {
            i++;
            var key = ReadUntil(line, ref i, "=");
            i++;
            tags[key] = ReadUntil(line, ref i, ", ");
        }

        i++; // space
        var fields = new SortedDictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            var key = ReadUntil(line, ref i, "=");
            i++;
            fields[key] = ReadFieldValue(line, ref i);
            if (line[i] == ' ')
            {
                break;
            }

            i++; // comma
        }

        var timestamp = long.Parse(line.AsSpan(i + 1), NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new ParsedPoint(measurement, tags, fields, timestamp);
    }

    private static string ReadUntil(string line, ref int i, ReadOnlySpan<char> stops)
    {
        var text = new StringBuilder();
        while (i < line.Length && stops.IndexOf(line[i]) < 0)
        {
            if (line[i] == '\\' && i + 1 < line.Length && ",= \\".Contains(line[i + 1], StringComparison.Ordinal))
            {
                i++;
            }

            text.Append(line[i++]);
        }

        return text.ToString();
    }

    private static object ReadFieldValue(string line, ref int i)
    {
        if (line[i] == '"')
        {
            var text = new StringBuilder();
            i++;
            while (line[i] != '"')
            {
                if (line[i] == '\\' && (line[i + 1] == '"' || line[i + 1] == '\\'))
                {
                    i++;
                }

                text.Append(line[i++]);
            }

            i++;
            return text.ToString();
        }

        var start = i;
        while (line[i] != ',' && line[i] != ' ')
        {
            i++;
        }

        var raw = line[start..i];
        return raw switch
        {
            "t" or "T" or "true" or "True" or "TRUE" => true,
            "f" or "F" or "false" or "False" or "FALSE" => false,
            _ when raw.EndsWith('i') => long.Parse(raw[..^1], CultureInfo.InvariantCulture),
            _ => double.Parse(raw, CultureInfo.InvariantCulture),
        };
    }
}
