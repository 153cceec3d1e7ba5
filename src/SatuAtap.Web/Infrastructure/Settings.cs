using Microsoft.Extensions.Options;

namespace SatuAtap.Web.Infrastructure;

/// <summary>
/// The one way a setting section is registered: bound to its options class and checked at start by the class's
/// <see cref="IValidateOptions{TOptions}"/> validator, whose message names the full key (<c>Queue:CacheSeconds</c>).
/// </summary>
public static class Settings
{
    public static OptionsBuilder<T> AddSettings<T, TValidator>(this IServiceCollection services, IConfiguration config, string section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        return services.AddOptions<T>().Bind(config.GetSection(section)).ValidateOnStart();
    }
}
