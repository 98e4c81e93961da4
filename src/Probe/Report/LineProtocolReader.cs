using System.Globalization;
using System.Text;

namespace Probe.Report;

/// <summary>
/// Reads back one line of <c>probe export --format lp</c> (InfluxDB line protocol, ms timestamps): the escapes the
/// probe writes (LineEscape), integer fields with an i suffix, quoted strings, true/false. Throws
/// <see cref="FormatException"/> saying what is wrong; the caller adds the file and line.
/// </summary>
internal static class LineProtocolReader
{
    public static ReportRow Parse(string line)
    {
        var at = 0;
        var measurement = ReadKey(line, ref at, stopAtEqual: false);
        if (measurement.Length == 0)
        {
            throw new FormatException("no measurement name at the start of the line");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (at < line.Length && line[at] == ',')
        {
            at++;
            var key = ReadKey(line, ref at, stopAtEqual: true);
            Expect(line, ref at, '=', $"tag '{key}' has no '='");
            tags[key] = ReadKey(line, ref at, stopAtEqual: true);
        }

        Expect(line, ref at, ' ', "expected a space between the tags and the fields");
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        do
        {
            var key = ReadKey(line, ref at, stopAtEqual: true);
            Expect(line, ref at, '=', $"field '{key}' has no '='");
            fields[key] = ReadValue(line, ref at, key);
        }
        while (at < line.Length && line[at] == ',' && ++at > 0);

        Expect(line, ref at, ' ', "expected a space and a timestamp after the fields");
        var stamp = line[at..].Trim();
        if (!long.TryParse(stamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw new FormatException($"'{stamp}' is not a timestamp");
        }

        return new ReportRow(measurement, tags, fields, timestamp);
    }

    private static void Expect(string line, ref int at, char expected, string problem)
    {
        if (at >= line.Length || line[at] != expected)
        {
            throw new FormatException(at >= line.Length ? $"{problem} (the line ends early)" : $"{problem} (at column {at + 1})");
        }

        at++;
    }

    private static string ReadKey(string line, ref int at, bool stopAtEqual)
    {
        var text = new StringBuilder();
        while (at < line.Length)
        {
            var c = line[at];
            if (c is ',' or ' ' || (stopAtEqual && c == '='))
            {
                break;
            }

            if (c == '\\' && at + 1 < line.Length && line[at + 1] is ',' or ' ' or '=' or 't' or 'r' or 'n')
            {
                text.Append(line[at + 1] switch { 't' => '\t', 'r' => '\r', 'n' => '\n', var e => e });
                at += 2;
                continue;
            }

            text.Append(c);
            at++;
        }

        return text.ToString();
    }

    private static object ReadValue(string line, ref int at, string key)
    {
        if (at < line.Length && line[at] == '"')
        {
            at++;
            var text = new StringBuilder();
            while (at < line.Length && line[at] != '"')
            {
                if (line[at] == '\\' && at + 1 < line.Length && line[at + 1] is '"' or '\\')
                {
                    at++;
                }

                text.Append(line[at++]);
            }

            if (at >= line.Length)
            {
                throw new FormatException($"the string of field '{key}' has no closing quote");
            }

            at++;
            return text.ToString();
        }

        var start = at;
        while (at < line.Length && line[at] is not (',' or ' '))
        {
            at++;
        }

        var raw = line[start..at];
        return raw switch
        {
            "t" or "T" or "true" or "True" or "TRUE" => true,
            "f" or "F" or "false" or "False" or "FALSE" => false,
            _ when raw.EndsWith('i') && long.TryParse(raw[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw new FormatException($"field '{key}' has the value '{raw}', which is no number, boolean or quoted string"),
        };
    }
}
