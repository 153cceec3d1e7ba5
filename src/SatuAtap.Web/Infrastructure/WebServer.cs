using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SatuAtap.Core.Common;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// What the web server does for every request whatever the module: the public address links are built from, the
/// proxies whose forwarded headers are believed, HTTPS-only cookies and HSTS, and the security headers.
/// </summary>
public static class WebServer
{
    public static IServiceCollection AddSatuAtapWebServer(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<NetworkOptions, SettingsValidator>(config, NetworkOptions.Section);
        services.AddSettings<ApiOptions, SettingsValidator>(config, ApiOptions.Section);
        // Applications:PublicBaseUrl was the setting before Mall:PublicBaseUrl; it still counts when the new one is not set.
        services.PostConfigure<MallOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.PublicBaseUrl) && config["Applications:PublicBaseUrl"] is { Length: > 0 } old && !string.IsNullOrWhiteSpace(old))
                o.PublicBaseUrl = old;
        });
        services.AddSingleton(sp =>
        {
            var mall = sp.GetRequiredService<IOptions<MallOptions>>();
            var server = sp.GetService<IServer>();
            return new PublicLinks(() => mall.Value.PublicBaseUrl is { Length: > 0 } configured && !string.IsNullOrWhiteSpace(configured)
                ? configured
                : FirstListeningAddress(server));
        });

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((o, network) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not even loopback is believed by default.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var entry in network.Value.KnownProxies)
                if (TryParseProxy(entry, out var proxy)) o.KnownIPNetworks.Add(proxy);
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        // Cookies carry the Secure flag whenever the request came over HTTPS (directly or through a known proxy).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: forwarded headers from known proxies, HSTS over HTTPS (outside Development), security headers.</summary>
    public static IApplicationBuilder UseSatuAtapWebServer(this WebApplication app)
    {
        // With no known proxy the middleware is left out: it would otherwise believe a client that the test host or a
        // server without a remote address presents.
        if (app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.KnownProxies.Length > 0)
            app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    /// <summary><c>10.0.0.5</c> (one address) or <c>10.0.0.0/8</c> (a network).</summary>
    public static bool TryParseProxy(string? entry, out System.Net.IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry)) return false;
        entry = entry.Trim();
        if (entry.Contains('/')) return System.Net.IPNetwork.TryParse(entry, out network);
        if (!IPAddress.TryParse(entry, out var address)) return false;
        network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>Development only (elsewhere Mall:PublicBaseUrl is required): the first address the server listens on.</summary>
    private static string FirstListeningAddress(IServer? server)
    {
        var first = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
            return "http://localhost";
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.ToString().TrimEnd('/');
    }
}
