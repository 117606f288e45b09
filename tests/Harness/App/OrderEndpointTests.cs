using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>The app's order endpoints on healthy dependencies, through the proxies, against real servers.</summary>
[Collection(AppStackCollection.Name)]
public sealed class OrderEndpointTests(AppStack fixture) : IAsyncLifetime
{
    private HttpClient Client => fixture.Client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A burst on a busy machine may trip a breaker; the next test starts healthy regardless.</summary>
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync();

    [Fact]
    public async Task A_created_order_is_committed_priced_by_the_price_service_and_readable()
    {
        var created = await Client.CreateOrderAsync("create-1", "alice", "SKU-42", 3);

        created.Status.Should().Be(201, created.ToString());
        var order = created.Json<OrderDto>();
        created.Header("Location").Should().Be($"/orders/{order.Id}");
        created.Degraded.Should().BeNull();
        order.Should().BeEquivalentTo(new
        {
            Customer = "alice",
            Sku = "SKU-42",
            Quantity = 3,
            UnitPriceCents = PriceStubServer.PriceOf("SKU-42"),
            TotalCents = 3 * PriceStubServer.PriceOf("SKU-42"),
            PriceSource = "service",
            IdempotencyKey = "create-1",
        });
        (await OrdersTable.CountWithKeyAsync(fixture.Stack, "create-1")).Should().Be(1, "201 is only sent after the commit");

        var read = await Client.FetchAsync($"/orders/{order.Id}");
        read.Status.Should().Be(200);
        read.Json<OrderDto>().Should().Be(order);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_original_order_and_a_different_request_with_it_is_refused()
    {
        var first = await Client.CreateOrderAsync("replay-1", "bob", "SKU-1", 2);
        var again = await Client.CreateOrderAsync("replay-1", "bob", "SKU-1", 2);
        var changed = await Client.CreateOrderAsync("replay-1", "bob", "SKU-1", 5);

        first.Status.Should().Be(201);
        again.Status.Should().Be(200, again.ToString());
        again.Header("Idempotent-Replayed").Should().Be("true");
        again.Json<OrderDto>().Should().Be(first.Json<OrderDto>());
        changed.Status.Should().Be(422, changed.ToString());
        (await OrdersTable.CountWithKeyAsync(fixture.Stack, "replay-1")).Should().Be(1);
    }

    [Fact]
    public async Task Fifty_concurrent_clients_retrying_one_post_store_one_row_and_all_get_it()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CreateRetryingAsync("concurrent-1", "carol")));

        answers.Select(answer => answer.Status).Should().OnlyContain(status => status == 200 || status == 201,
            string.Join("\n", answers.Where(answer => answer.Status >= 300)));
        // At most one 201: the request that created the row may itself have timed out and been answered, on retry, as a replay.
        answers.Count(answer => answer.Status == 201).Should().BeLessThanOrEqualTo(1);
        answers.Select(answer => answer.Json<OrderDto>().Id).Distinct().Should().ContainSingle();
        (await OrdersTable.CountWithKeyAsync(fixture.Stack, "concurrent-1")).Should().Be(1);
    }

    [Theory]
    [InlineData(null, """{"customer":"dave","sku":"SKU-1","quantity":1}""", "Idempotency-Key")]
    [InlineData("bad-1", """{"sku":"SKU-1","quantity":1}""", "customer")]
    [InlineData("bad-2", """{"customer":"dave","sku":"SKU 1","quantity":1}""", "sku")]
    [InlineData("bad-3", """{"customer":"dave","sku":"SKU-1","quantity":0}""", "quantity")]
    [InlineData("bad-4", """{"customer":"dave","sku":"SKU-1","quantity":"many"}""", "not a valid order")]
    [InlineData("bad-5", """{"customer":"dave",""", "not a valid order")]
    public async Task A_bad_create_request_is_a_400_with_a_message_and_stores_nothing(string? key, string json, string messageMentions)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await Client.SendTimedAsync(request);

        response.Status.Should().Be(400, response.ToString());
        response.Json<ErrorDto>().Error.Should().Contain(messageMentions);
        if (key is not null)
        {
            (await OrdersTable.CountWithKeyAsync(fixture.Stack, key)).Should().Be(0);
        }
    }

    [Theory]
    [InlineData("/orders/abc", "id")]
    [InlineData("/orders/0", "id")]
    [InlineData("/orders?page=0", "page")]
    [InlineData("/orders?size=101", "size")]
    [InlineData("/orders?size=ten", "size")]
    [InlineData("/orders/search", "q")]
    [InlineData("/orders/search?q=---", "q")]
    public async Task Bad_read_parameters_are_a_400_naming_the_parameter(string path, string parameter)
    {
        var response = await Client.FetchAsync(path);

        response.Status.Should().Be(400, response.ToString());
        response.Json<ErrorDto>().Error.Should().StartWith(parameter);
    }

    [Fact]
    public async Task An_unknown_order_is_a_404()
    {
        var response = await Client.FetchAsync($"/orders/{long.MaxValue}");

        response.Status.Should().Be(404, response.ToString());
    }

    [Fact]
    public async Task Pages_follow_id_order_without_gaps_or_overlaps()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.CreatedOrderAsync($"pager-{i}");
        }

        var all = new List<OrderDto>();
        OrderPageDto page;
        var number = 1;
        do
        {
            var response = await Client.FetchAsync($"/orders?page={number++}&size=3");
            response.Status.Should().Be(200, response.ToString());
            page = response.Json<OrderPageDto>();
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            all.AddRange(page.Items);
        }
        while (page.HasMore);

        all.Select(order => order.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        all.Select(order => order.Customer).Should().Contain(Enumerable.Range(0, 7).Select(i => $"pager-{i}"));
        (await OrdersTable.CountAllAsync(fixture.Stack)).Should().Be(all.Count, "the pages together hold every order");
    }

    [Fact]
    public async Task Search_finds_orders_by_word_prefixes_of_customer_and_sku_newest_first()
    {
        var older = await Client.CreatedOrderAsync("zebulon finch", "ZX-9");
        var newer = await Client.CreatedOrderAsync("zebulon moss", "QQ-1");
        await Client.CreatedOrderAsync("yolanda finch", "ZX-8");

        var byPrefix = (await Client.FetchAsync("/orders/search?q=zebu")).Json<SearchResultDto>();
        var byTwoWords = (await Client.FetchAsync("/orders/search?q=zebulon%20fin")).Json<SearchResultDto>();
        var bySku = (await Client.FetchAsync("/orders/search?q=zx-9")).Json<SearchResultDto>();

        byPrefix.Items.Select(order => order.Id).Should().Equal(newer.Id, older.Id);
        byTwoWords.Items.Select(order => order.Id).Should().Equal(older.Id);
        bySku.Items.Select(order => order.Id).Should().Equal(older.Id);
    }

    /// <summary>A well-behaved client: a 503 is retried with the same key after its Retry-After.</summary>
    private async Task<AppResponse> CreateRetryingAsync(string idempotencyKey, string customer)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await Client.CreateOrderAsync(idempotencyKey, customer, "SKU-7", 1);
            if (answer.Status != 503 || attempt == 10)
            {
                return answer;
            }

            await Task.Delay(TimeSpan.FromSeconds(int.Parse(answer.Header("Retry-After")!)), TestContext.Current.CancellationToken);
        }
    }
}
