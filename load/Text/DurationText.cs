using System.Globalization;

namespace Resilience.Load.Text;

/// <summary>
/// Durations as people write them on a command line or in a threshold: "500ms", "30s", "1.5s", "2m", "1m30s",
/// "1h", "250us". Invariant culture, no spaces inside a number-unit pair.
/// </summary>
public static class DurationText
{
    private static readonly (string Unit, double TicksPerUnit)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
    ];

    /// <summary>Parses a duration such as <c>500ms</c> or <c>1m30s</c>.</summary>
    /// <exception cref="FormatException">The text is not a duration; the message says how to write one.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Parses a duration such as <c>500ms</c> or <c>1m30s</c> without throwing.</summary>
    /// <param name="text">The text; surrounding white space is ignored.</param>
    /// <param name="duration">The duration, or zero when the text is not one.</param>
    /// <param name="error">Why the text is not a duration, for the user; empty on success.</param>
    public static bool TryParse(string? text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        var remaining = (text ?? string.Empty).Trim().AsSpan();
        if (remaining.IsEmpty)
        {
            error = "A duration is empty; write it like '500ms', '30s', '2m' or '1m30s'.";
            return false;
        }

        double ticks = 0;
        while (!remaining.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < remaining.Length && (char.IsAsciiDigit(remaining[numberLength]) || remaining[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(remaining[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"'{text}' is not a duration; write it like '500ms', '30s', '2m' or '1m30s'.";
                return false;
            }

            remaining = remaining[numberLength..];
            var unit = IndexOfUnit(remaining);
            if (unit < 0)
            {
                error = $"'{text}' needs a unit after {number.ToString(CultureInfo.InvariantCulture)}: one of ms, s, m, h or us.";
                return false;
            }

            ticks += number * Units[unit].TicksPerUnit;
            remaining = remaining[Units[unit].Unit.Length..];
        }

        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        error = string.Empty;
        return true;
    }

    private static int IndexOfUnit(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < Units.Length; i++)
        {
            if (text.StartsWith(Units[i].Unit, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Short human form: "750ms", "30s", "1.5s", "2m", "1m30s".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        }

        if (duration < TimeSpan.FromMinutes(1) || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
        }

        var minutes = (long)duration.TotalMinutes;
        var seconds = duration.Seconds;
        return seconds == 0 ? $"{minutes}m" : $"{minutes}m{seconds}s";
    }
}
