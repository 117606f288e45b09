using StackExchange.Redis;

namespace Resilience.App.Caching;

/// <summary>Redis answered a read with something that is not the requested order: the connection is out of step.</summary>
public sealed class RedisReplyMismatchException(string message) : RedisException(message);
