using System.Diagnostics;

namespace Resilience.Tests.Harness.App;

/// <summary>Waits on a condition with a deadline: polls, never sleeps a fixed time and hopes.</summary>
public static class Eventually
{
    /// <summary>Runs <paramref name="attempt"/> until it returns a value that satisfies <paramref name="done"/>; fails with the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        T last;
        do
        {
            last = await attempt();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
        while (watch.Elapsed < timeout);

        throw new TimeoutException($"Not {what} within {timeout.TotalSeconds:0.#} s; last: {last}");
    }
}
