namespace Resilience.Reference.Stack;

/// <summary>The rule for a port a user gives the stack: 0 picks a free one, otherwise an unprivileged port.</summary>
internal static class PortOption
{
    public static int Check(int port, string option) =>
        port == 0 || port is >= 1024 and <= 65535
            ? port
            : throw new ArgumentOutOfRangeException(option, port, $"{option} must be 0 (pick a free port) or 1024-65535.");
}
