using System.Text.RegularExpressions;

namespace Resilience.Reports.Scrubbing;

/// <summary>
/// Masks secrets in text bound for a report: values of password/secret/token keys (connection strings,
/// Redis configuration strings, environment assignments, JSON), passwords in URLs, Redis
/// <c>requirepass</c>/<c>AUTH</c> arguments, bearer tokens, and any secret value known up front wherever it appears.
/// </summary>
public sealed partial class SecretScrubber
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter "secrets" would mask ordinary words; generated passwords are far longer.
    private const int MinimumKnownSecretLength = 4;

    private readonly IReadOnlyList<string> _knownSecrets;

    /// <summary>A scrubber that masks the patterns and, wherever they appear, the given secret values.</summary>
    /// <param name="knownSecrets">Secret values to mask verbatim; ones shorter than 4 characters are ignored. Null for none.</param>
    public SecretScrubber(IEnumerable<string>? knownSecrets = null)
    {
        _knownSecrets = (knownSecrets ?? [])
            .Where(secret => secret.Length >= MinimumKnownSecretLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(secret => secret.Length)
            .ToList();
    }

    /// <summary>A scrubber that knows no secret values and masks only by pattern.</summary>
    public static SecretScrubber PatternsOnly { get; } = new();

    /// <summary>
    /// The text with each secret replaced by <see cref="Mask"/>, e.g. "Password=hunter2;" becomes "Password=***;".
    /// A quoted value stays quoted; the key, a URL's user name and the command word stay readable.
    /// </summary>
    public string Scrub(string text)
    {
        foreach (var secret in _knownSecrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = KeyValue().Replace(text, match => $"{match.Groups["key"].Value}{match.Groups["separator"].Value}{MaskKeepingQuotes(match.Groups["value"].Value)}");
        text = UrlUserInfo().Replace(text, "${scheme}${user}:" + Mask + "@");
        text = RedisCommandArgument().Replace(text, "${command}" + Mask);
        text = BearerToken().Replace(text, "${scheme}" + Mask);
        return text;
    }

    // A quoted value stays quoted, so masked JSON or a masked connection string keeps its shape.
    private static string MaskKeepingQuotes(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? $"{value[0]}{Mask}{value[0]}" : Mask;

    /// <summary>The password values inside a connection string ("Password=...;", "password=..."), for the known list.</summary>
    public static IEnumerable<string> PasswordsIn(string connectionString) =>
        KeyValue().Matches(connectionString)
            .Select(match => match.Groups["value"].Value.Trim('"', '\''))
            .Where(value => value.Length > 0);

    // key ends in a secret word (Password, PGPASSWORD, REDIS_PASSWORD, pwd, api_key, "token" in JSON),
    // then = or :, then a quoted value or one running to the next separator of connection strings, URLs or JSON.
    [GeneratedRegex("""(?<key>\b\w*?(?:password|passwd|pwd|psw|secret|token|api[_-]?key)["']?)(?<separator>\s*[=:]\s*)(?<value>"[^"]*"|'[^']*'|[^\s;,&"'<>]+)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    [GeneratedRegex("""(?<scheme>\b[a-z][a-z0-9+.-]*://)(?<user>[^:@/\s]*):(?<password>[^@/\s]+)@""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex("""(?<command>\b(?:requirepass|masterauth)\s+|\bAUTH\s+)(?:"[^"]*"|\S+)""",
        RegexOptions.CultureInvariant)]
    private static partial Regex RedisCommandArgument();

    [GeneratedRegex("""(?<scheme>\bBearer\s+)[A-Za-z0-9._~+/-]+=*""", RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
