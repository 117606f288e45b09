using System.Net.Sockets;
using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Services;

namespace Resilience.Tests.Harness.Services;

/// <summary>
/// A service in another language for the stack tests: a few lines of Python answering <c>GET /ready</c> and
/// <c>GET /env/NAME</c> (the value of that environment variable). Each command carries a token of its own, so the
/// test can find the service's processes by their command line.
/// </summary>
internal static class PythonService
{
    private const string Server = """
        import http.server, os, sys
        port = int(sys.argv[1])
        print("python service starting on port", port, file=sys.stderr, flush=True)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/ready":
                    self.answer(200, "ready")
                elif self.path.startswith("/env/"):
                    value = os.environ.get(self.path[len("/env/"):])
                    self.answer(404, "unset") if value is None else self.answer(200, value)
                else:
                    self.answer(404, "no such path")

            def answer(self, status, text):
                body = text.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
        """;

    private const string NeverReady = """
        import sys, time
        print(sys.argv[2], file=sys.stderr, flush=True)
        time.sleep(3600)
        """;

    /// <summary>The serving script on the port the harness picks; <paramref name="token"/> marks its command line.</summary>
    public static ServiceCommand Serving(string token) => ServiceCommand.Executable("python3", "-c", Server, "{port}", token);

    /// <summary>A script that prints <paramref name="marker"/> to stderr and never listens.</summary>
    public static ServiceCommand NeverListening(string marker) => ServiceCommand.Executable("python3", "-c", NeverReady, "{port}", marker);

    public static string NewToken() => $"resilience-python-{Guid.NewGuid():N}";

    /// <summary>Ids of running processes whose command line holds <paramref name="token"/>.</summary>
    public static IReadOnlyList<int> ProcessesWith(string token)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                var state = File.ReadAllText(Path.Combine(directory, "stat"));
                // A zombie has exited: it holds no port and runs no code.
                if (commandLine.Contains(token, StringComparison.Ordinal) && !state[(state.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // exited while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Starts a stack; where this machine lacks PostgreSQL or Redis, skips the test (a failure on CI).</summary>
    public static async Task<ServiceStack> StartOrSkipAsync(Func<ServiceStackBuilder, ServiceStackBuilder> configure)
    {
        try
        {
            return await ServiceStack.StartNewAsync(configure, TestContext.Current.CancellationToken);
        }
        catch (EnvironmentUnavailableException e) when (System.Environment.GetEnvironmentVariable(EnvironmentVariableNames.ContinuousIntegration) != "true")
        {
            Assert.Skip(e.Message);
            throw;
        }
    }
}
