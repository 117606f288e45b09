using System.Net;
using Npgsql;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Services;
using StackExchange.Redis;

namespace Resilience.Tests.Harness.Services;

/// <summary>Each format writes an address its client library reads back as written, and none of them shows a password.</summary>
public sealed class ConnectionFormatTests
{
    // Characters a connection string or a URL must quote or escape.
    private const string AwkwardPassword = "p@ss:w/rd;x=1 'q'";

    private static readonly DependencyAddress Postgres = new(DependencyKind.Postgres, "127.0.0.1", 54_321, "app_user", AwkwardPassword, "inventory");

    private static readonly DependencyAddress Redis = new(DependencyKind.Redis, "127.0.0.1", 63_791, Password: "s3cret-pw.x_1");

    private static readonly DependencyAddress Http = new(DependencyKind.Http, "127.0.0.1", 18_080);

    [Fact]
    public void A_postgres_connection_string_reads_back_in_npgsql_as_written()
    {
        var written = new NpgsqlConnectionStringBuilder(ConnectionFormat.ConnectionString.Write(Postgres));

        written.Host.Should().Be("127.0.0.1");
        written.Port.Should().Be(54_321);
        written.Database.Should().Be("inventory");
        written.Username.Should().Be("app_user");
        written.Password.Should().Be(AwkwardPassword);
    }

    [Fact]
    public void A_redis_connection_string_reads_back_in_stackexchange_redis_and_does_not_abort_on_connect_failure()
    {
        var written = ConfigurationOptions.Parse(ConnectionFormat.ConnectionString.Write(Redis));

        written.EndPoints.Select(HostAndPort).Should().Equal(("127.0.0.1", 63_791));
        written.Password.Should().Be("s3cret-pw.x_1");
        written.AbortOnConnectFail.Should().BeFalse();
    }

    [Fact]
    public void A_redis_without_a_password_gets_a_connection_string_without_one()
    {
        var written = ConfigurationOptions.Parse(ConnectionFormat.ConnectionString.Write(Redis with { Password = null }));

        written.Password.Should().BeNull();
        written.EndPoints.Select(HostAndPort).Should().Equal(("127.0.0.1", 63_791));
    }

    [Fact]
    public void An_http_dependencys_connection_string_is_its_base_url()
    {
        ConnectionFormat.ConnectionString.Write(Http).Should().Be("http://127.0.0.1:18080/");
    }

    [Theory]
    [InlineData(DependencyKind.Postgres)]
    [InlineData(DependencyKind.Redis)]
    [InlineData(DependencyKind.Http)]
    public void Host_port_is_the_address_alone_whatever_the_kind(DependencyKind kind)
    {
        var address = new DependencyAddress(kind, "127.0.0.1", 5433, "u", "secret-password", "d");

        ConnectionFormat.HostPort.Write(address).Should().Be("127.0.0.1:5433");
    }

    [Fact]
    public void A_postgres_url_escapes_the_password_so_it_parses_back_to_the_same_credentials()
    {
        var url = new Uri(ConnectionFormat.Url.Write(Postgres));

        url.Scheme.Should().Be("postgresql");
        url.Host.Should().Be("127.0.0.1");
        url.Port.Should().Be(54_321);
        url.AbsolutePath.Should().Be("/inventory");
        var credentials = url.UserInfo.Split(':');
        credentials.Should().HaveCount(2, "the password's ':' must be escaped, not split the user info");
        Uri.UnescapeDataString(credentials[0]).Should().Be("app_user");
        Uri.UnescapeDataString(credentials[1]).Should().Be(AwkwardPassword);
    }

    [Fact]
    public void A_redis_url_carries_an_escaped_password_only_when_there_is_one()
    {
        var withPassword = new Uri(ConnectionFormat.Url.Write(Redis with { Password = "a@b:c" }));
        var without = ConnectionFormat.Url.Write(Redis with { Password = null });

        withPassword.Scheme.Should().Be("redis");
        withPassword.Host.Should().Be("127.0.0.1");
        withPassword.Port.Should().Be(63_791);
        withPassword.UserInfo.Should().StartWith(":");
        Uri.UnescapeDataString(withPassword.UserInfo[1..]).Should().Be("a@b:c");
        without.Should().Be("redis://127.0.0.1:63791");
    }

    [Fact]
    public void An_http_url_is_the_proxys_base_url()
    {
        ConnectionFormat.Url.Write(Http).Should().Be("http://127.0.0.1:18080/");
    }

    [Fact]
    public void A_custom_format_writes_what_its_function_returns_under_its_own_name()
    {
        var jdbc = ConnectionFormat.Custom("JDBC URL", address => $"jdbc:postgresql://{address.Host}:{address.Port}/{address.Database}");

        jdbc.Write(Postgres).Should().Be("jdbc:postgresql://127.0.0.1:54321/inventory");
        jdbc.Name.Should().Be("JDBC URL");
        jdbc.ToString().Should().Be("JDBC URL");
    }

    [Fact]
    public void A_custom_format_needs_a_name_and_a_function()
    {
        var unnamed = () => ConnectionFormat.Custom(" ", address => address.Host);
        var empty = () => ConnectionFormat.Custom("mine", null!);

        unnamed.Should().Throw<ArgumentException>();
        empty.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void No_name_or_description_shows_a_password()
    {
        var formats = new[] { ConnectionFormat.ConnectionString, ConnectionFormat.HostPort, ConnectionFormat.Url, ConnectionFormat.Custom("mine", a => a.Password!) };
        var dependency = new ServiceDependencyOptions("db", DependencyKind.Postgres, "App:Db", ConnectionFormat.ConnectionString);

        foreach (var format in formats)
        {
            format.Name.Should().NotContain(AwkwardPassword);
            format.ToString().Should().NotContain(AwkwardPassword).And.NotContain("p@ss");
        }

        Postgres.ToString().Should().Be("Postgres at 127.0.0.1:54321");
        Redis.ToString().Should().NotContain("s3cret");
        dependency.ToString().Should().Be("db (Postgres, App:Db as connection string)");
    }

    [Fact]
    public void The_builtin_formats_are_named_for_logs()
    {
        ConnectionFormat.ConnectionString.Name.Should().Be("connection string");
        ConnectionFormat.HostPort.Name.Should().Be("host:port");
        ConnectionFormat.Url.Name.Should().Be("URL");
    }

    private static (string Host, int Port) HostAndPort(EndPoint endpoint) => endpoint switch
    {
        IPEndPoint ip => (ip.Address.ToString(), ip.Port),
        DnsEndPoint dns => (dns.Host, dns.Port),
        _ => (endpoint.ToString() ?? "", -1),
    };
}
