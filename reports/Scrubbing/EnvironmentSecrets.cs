using System.Collections;

namespace Resilience.Reports.Scrubbing;

/// <summary>
/// Secret values the process environment holds: variables named like a password, and the passwords inside
/// the connection strings the harness reads. The scrubber masks them verbatim, whatever text they hide in.
/// </summary>
public static class EnvironmentSecrets
{
    private static readonly string[] SecretNameEndings = ["PASSWORD", "PASSWD", "SECRET", "TOKEN"];
    private static readonly string[] ConnectionStringNames = ["RESILIENCE_POSTGRES", "RESILIENCE_REDIS", "CONNECTIONSTRINGS__"];

    /// <summary>
    /// The non-empty values of variables whose name ends in PASSWORD, PASSWD, SECRET or TOKEN (any case), and the
    /// values of password-like keys inside RESILIENCE_POSTGRES*, RESILIENCE_REDIS* and CONNECTIONSTRINGS__* values.
    /// </summary>
    /// <param name="variables">Variable names to values, as <see cref="Environment.GetEnvironmentVariables()"/> returns them; other entries are skipped.</param>
    public static IReadOnlyList<string> From(IDictionary variables)
    {
        var secrets = new List<string>();
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is not string name || entry.Value is not string value || value.Length == 0)
            {
                continue;
            }

            var upper = name.ToUpperInvariant();
            if (SecretNameEndings.Any(upper.EndsWith))
            {
                secrets.Add(value);
            }
            else if (ConnectionStringNames.Any(upper.StartsWith))
            {
                secrets.AddRange(SecretScrubber.PasswordsIn(value));
            }
        }

        return secrets;
    }

    /// <summary>A scrubber that also masks, verbatim, the secrets of this process's environment (see <see cref="From"/>).</summary>
    public static SecretScrubber ScrubberForCurrentProcess() => new(From(Environment.GetEnvironmentVariables()));
}
