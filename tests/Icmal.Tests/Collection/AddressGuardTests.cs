using System.Net;
using Icmal.Collection;

namespace Icmal.Tests.Collection;

public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]                 // short form
    [InlineData("2130706433")]            // decimal
    [InlineData("0x7f000001")]            // hex
    [InlineData("0x7f.0.0.1")]            // hex part
    [InlineData("0177.0.0.1")]            // octal part
    [InlineData("017700000001")]          // octal whole
    [InlineData("0x7f.1")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.3.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]       // cloud metadata
    [InlineData("2852039166")]            // 169.254.169.254 in decimal
    [InlineData("100.64.0.1")]            // carrier-grade NAT
    [InlineData("0.0.0.0")]
    [InlineData("0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("::")]
    [InlineData("[::ffff:127.0.0.1]")]    // IPv4-mapped IPv6
    [InlineData("[::ffff:7f00:1]")]       // IPv4-mapped, hex spelling
    [InlineData("[::ffff:a9fe:a9fe]")]    // mapped metadata
    [InlineData("[::127.0.0.1]")]         // IPv4-compatible
    [InlineData("[64:ff9b::a00:1]")]      // NAT64 of 10.0.0.1
    [InlineData("[fc00::1]")]
    [InlineData("[fd12:3456::1]")]
    [InlineData("[fe80::1%25eth0]")]
    [InlineData("[fd00:ec2::254]")]       // AWS metadata over IPv6
    [InlineData("[2002:7f00:1::]")]       // 6to4 of 127.0.0.1
    public void Forbidden_spellings_are_refused(string host)
    {
        var address = AddressGuard.ParseHostAddress(host.Replace("%25", "%", StringComparison.Ordinal));
        Assert.NotNull(address);
        Assert.True(AddressGuard.IsForbidden(address), $"{host} → {address} should be forbidden");
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("1557989922")]            // 92.221.10.34 in decimal: public
    [InlineData("172.32.0.1")]            // just outside 172.16/12
    [InlineData("100.128.0.1")]           // just outside 100.64/10
    [InlineData("[2a00:1450:4001:80b::200e]")]
    [InlineData("[::ffff:8.8.8.8]")]
    public void Public_addresses_pass(string host)
    {
        var address = AddressGuard.ParseHostAddress(host);
        Assert.NotNull(address);
        Assert.False(AddressGuard.IsForbidden(address), $"{host} → {address} should be allowed");
    }

    [Theory]
    [InlineData("apa.az")]
    [InlineData("1.2.3.4.5")]
    [InlineData("0x")]
    [InlineData("08.0.0.1")]              // 8 is not an octal digit: not an address, a name
    [InlineData("4294967296")]            // over 32 bits
    public void Names_and_malformed_numbers_are_not_addresses(string host) => Assert.Null(AddressGuard.ParseHostAddress(host));

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://foo.localhost/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("ftp://apa.az/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pass@apa.az/")]
    [InlineData("http://a\u200Db.az/")] // a host IDNA refuses: IdnHost threw
    public void Urls_refused_before_any_lookup(string url) => Assert.NotNull(AddressGuard.CheckUrl(new Uri(url), allowPrivate: false));

    [Fact]
    public void Allow_private_lifts_the_address_rules_but_not_the_scheme_rule()
    {
        Assert.Null(AddressGuard.CheckUrl(new Uri("http://127.0.0.1:5000/"), allowPrivate: true));
        Assert.NotNull(AddressGuard.CheckUrl(new Uri("file:///etc/passwd"), allowPrivate: true));
        Assert.Null(AddressGuard.CheckUrl(new Uri("https://report.az/"), allowPrivate: false));
    }

    [Fact]
    public void Mapped_ipv6_is_judged_as_its_ipv4()
    {
        Assert.True(AddressGuard.IsForbidden(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.False(AddressGuard.IsForbidden(IPAddress.Parse("::ffff:93.184.216.34")));
    }
}
