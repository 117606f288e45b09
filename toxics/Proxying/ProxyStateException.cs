namespace Resilience.Toxics.Proxying;

/// <summary>Why a request to change the proxies was refused.</summary>
internal enum ProxyErrorKind
{
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>A request to change the proxies or toxics was refused; the state is unchanged.</summary>
internal sealed class ProxyStateException(ProxyErrorKind kind, string message) : Exception(message)
{
    public ProxyErrorKind Kind { get; } = kind;

    public static ProxyStateException ProxyNotFound() => new(ProxyErrorKind.NotFound, "proxy not found");

    public static ProxyStateException ToxicNotFound() => new(ProxyErrorKind.NotFound, "toxic not found");
}
