namespace Probe.Status;

/// <summary>
/// Breaks card text into lines that fit a width. SVG does not wrap text, so widths are estimated from the character
/// classes of DejaVu Sans, the widest of the common sans-serif fonts: on Arial or Liberation the lines come out a little
/// short, never too long.
/// </summary>
internal static class CardTextLayout
{
    /// <summary>Runs of <paramref name="text"/> in <paramref name="style"/>, with `backquoted` stretches as code.</summary>
    public static IEnumerable<CardRun> Parse(string text, CardRunStyle style)
    {
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 0)
            {
                yield return new CardRun(parts[i], i % 2 == 1 ? CardRunStyle.Code : style);
            }
        }
    }

    /// <summary>The runs laid out in lines no wider than <paramref name="width"/> at <paramref name="fontSize"/> (same units).</summary>
    /// <remarks>A word is split only at spaces; punctuation glued to a command stays with it; a single word wider than the line gets a line of its own.</remarks>
    public static IReadOnlyList<IReadOnlyList<CardRun>> Wrap(IEnumerable<CardRun> runs, double width, double fontSize)
    {
        var lines = new List<IReadOnlyList<CardRun>>();
        var line = new List<CardRun>();
        var lineWidth = 0.0;
        foreach (var unit in Units(runs, width, fontSize))
        {
            var unitWidth = unit.Sum(run => Width(run.Text, run.Style, fontSize));
            var space = line.Count > 0 ? Width(" ", unit[0].Style, fontSize) : 0;
            if (line.Count > 0 && lineWidth + space + unitWidth > width)
            {
                lines.Add(line);
                line = [];
                lineWidth = 0;
                space = 0;
            }

            line.Add(unit[0] with { SpaceBefore = line.Count > 0 });
            line.AddRange(unit.Skip(1));
            lineWidth += space + unitWidth;
        }

        if (line.Count > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The estimated advance of <paramref name="text"/>.</summary>
    public static double Width(string text, CardRunStyle style, double fontSize)
    {
        var ems = style == CardRunStyle.Code ? 0.61 * text.Length : text.Sum(Em) * (style == CardRunStyle.Bold ? 1.18 : 1.03);
        return ems * fontSize;
    }

    // Words, each with the runs glued to it without a space ("`probe status`." is one unit: code then a full stop).
    // A command is one word too, so that it is not broken across lines, unless it is wider than a whole line.
    private static IEnumerable<List<CardRun>> Units(IEnumerable<CardRun> runs, double width, double fontSize)
    {
        List<CardRun>? unit = null;
        var spaceBefore = false;
        foreach (var run in runs)
        {
            var whole = run.Style == CardRunStyle.Code && Width(run.Text.Trim(), run.Style, fontSize) <= width;
            var words = whole ? Whole(run.Text) : run.Text.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                spaceBefore |= i > 0;
                if (words[i].Length == 0)
                {
                    continue;
                }

                var word = new CardRun(words[i], run.Style);
                if (unit is null || spaceBefore)
                {
                    if (unit is not null)
                    {
                        yield return unit;
                    }

                    unit = [word];
                }
                else
                {
                    unit.Add(word);
                }

                spaceBefore = false;
            }
        }

        if (unit is not null)
        {
            yield return unit;
        }
    }

    // A command kept whole, with an empty word before or after it where it had a space there.
    private static string[] Whole(string text)
    {
        var words = new List<string>();
        if (text.StartsWith(' '))
        {
            words.Add("");
        }

        words.Add(text.Trim());
        if (text.EndsWith(' '))
        {
            words.Add("");
        }

        return [.. words];
    }

    private static double Em(char c) => c switch
    {
        ' ' or '\u00a0' => 0.32,
        'i' or 'l' or 'j' or 'í' or 'ï' or 'î' or '.' or ',' or ';' or ':' or '!' or '\'' or '’' or '|' => 0.3,
        'f' or 't' or 'r' or '(' or ')' or '-' or '/' => 0.4,
        'm' or 'w' or 'M' or 'W' or '%' or '—' => 0.9,
        >= 'A' and <= 'Z' => 0.7,
        >= '0' and <= '9' => 0.64,
        _ => 0.6,
    };
}
