namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// <c>Referrer-Policy: no-referrer</c> for answers that deal in a secret (the tracking page and API): a link followed
/// from them tells the next site nothing, not even the address. Set when the answer starts, so that it wins over a
/// site-wide default.
/// </summary>
public static class NoReferrer
{
    public const string Value = "no-referrer";

    public static void Apply(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = Value;
        response.OnStarting(() =>
        {
            response.Headers["Referrer-Policy"] = Value;
            return Task.CompletedTask;
        });
    }

    /// <summary>For an endpoint: every answer it gives (success or problem) carries the policy.</summary>
    public static TBuilder WithNoReferrer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            Apply(context.HttpContext.Response);
            return await next(context);
        });
}
