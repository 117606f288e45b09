using Resilience.Load.Http;

namespace Resilience.Tests.Harness.Load;

public sealed class ConnectionGateTests
{
    [Fact]
    public async Task Waiters_get_released_slots_in_order_on_the_releasing_thread()
    {
        var gate = new ConnectionGate(1);
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        var resumedOn = new List<(int Waiter, int Thread)>();

        var first = WaitThenNote(gate, 1, resumedOn);
        var second = WaitThenNote(gate, 2, resumedOn);
        first.IsCompleted.Should().BeFalse("the only slot is taken");

        var releasingThread = System.Environment.CurrentManagedThreadId;
        gate.Release();
        await first;
        gate.Release();
        await second;

        resumedOn.Should().Equal((1, releasingThread), (2, releasingThread));
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_up_its_place_without_taking_a_slot()
    {
        var gate = new ConnectionGate(1);
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        using var cancellation = new CancellationTokenSource();

        var cancelled = gate.WaitAsync(cancellation.Token).AsTask();
        var next = gate.WaitAsync(TestContext.Current.CancellationToken).AsTask();
        await cancellation.CancelAsync();
        gate.Release();

        await cancelled.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        await next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        gate.WaitAsync(TestContext.Current.CancellationToken).IsCompleted.Should().BeFalse("the slot went to the next waiter, not back to the pool");
        gate.Release();
    }

    [Fact]
    public async Task Waiters_that_finish_at_once_and_release_again_do_not_nest_without_bound()
    {
        // Each waiter releases as soon as it is resumed, as a request to a refused port would: resuming them all
        // inline would nest 100 000 frames deep and overflow the stack.
        var gate = new ConnectionGate(1);
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        var waiters = Enumerable.Range(0, 100_000).Select(_ => ReleaseWhenResumed(gate)).ToList();

        gate.Release();

        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        gate.WaitAsync(TestContext.Current.CancellationToken).IsCompleted.Should().BeTrue("the last release returned the slot");
    }

    private static async Task ReleaseWhenResumed(ConnectionGate gate)
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        gate.Release();
    }

    private static async Task WaitThenNote(ConnectionGate gate, int waiter, List<(int, int)> resumedOn)
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        resumedOn.Add((waiter, System.Environment.CurrentManagedThreadId));
    }
}
