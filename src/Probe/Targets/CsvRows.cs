using System.Text;

namespace Probe.Targets;

/// <summary>
/// Reads CSV records (RFC 4180 quoting, quoted line breaks) with their line numbers; blank lines
/// and lines starting with '#' are comments, so lists can explain themselves.
/// </summary>
internal static class CsvRows
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var startLine = lineNumber;
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i == line.Length)
                {
                    if (quoted && reader.ReadLine() is { } next)
                    {
                        // A quoted field holds a line break: carry on with the next physical line.
                        lineNumber++;
                        field.Append('\n');
                        line = next;
                        i = 0;
                        continue;
                    }

                    break;
                }

                var c = line[i++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < line.Length && line[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString().Trim());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString().Trim());
            yield return (startLine, fields.ToArray());
        }
    }
}
