using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Data;

/// <summary>
/// How personal-data columns reach the database encrypted: an entity configuration marks a text property with
/// <see cref="IsPersonalData{T}"/>, and the model gives each marked property a value converter that encrypts on the
/// way in and decrypts on the way out, so the code reads and writes clear values. The converter holds the
/// context's <see cref="PersonalDataProtector"/> (passed in the context's options), and the model is cached per
/// protector fingerprint, so two malls in one process with different keys never share a converter.
/// </summary>
public static class PersonalDataModel
{
    private const string Annotation = "SatuAtap:PersonalData";

    /// <summary>Stores this column encrypted. Ciphertext is longer than the value: size the column for it (<see cref="StoredLength"/>).</summary>
    public static PropertyBuilder<T> IsPersonalData<T>(this PropertyBuilder<T> property)
    {
        if (property.Metadata.ClrType != typeof(string)) throw new InvalidOperationException("Only text columns can hold encrypted personal data.");
        return property.HasAnnotation(Annotation, true);
    }

    /// <summary>The column length that holds an encrypted value of up to <paramref name="clearLength"/> characters (UTF-8, base64, marker and key id).</summary>
    public static int StoredLength(int clearLength) => 4 + 32 + 1 + (12 + 16 + clearLength * 3 + 2) / 3 * 4;

    /// <summary>Gives the marked properties their converters (or none, at design time, when there is no protector); the marks are removed.</summary>
    internal static void Apply(ModelBuilder builder, PersonalDataProtector? protector)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()).ToList())
        {
            if (property.FindAnnotation(Annotation) is null) continue;
            property.RemoveAnnotation(Annotation);
            if (protector is null) continue;
            var purpose = property.DeclaringType.ClrType.Name + "." + property.Name;
            property.SetValueConverter(new PersonalDataConverter(protector, purpose));
        }
    }

    /// <summary>Encrypts the marked columns with <paramref name="protector"/>.</summary>
    public static DbContextOptionsBuilder UsePersonalDataProtection(this DbContextOptionsBuilder options, PersonalDataProtector protector)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new PersonalDataOptionsExtension(protector));
        return options.ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();
    }

    internal static PersonalDataProtector? ProtectorOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<PersonalDataOptionsExtension>()?.Protector;
}

/// <summary>Encrypts a column's values with a purpose (entity and property) bound in.</summary>
public sealed class PersonalDataConverter(PersonalDataProtector protector, string purpose)
    : ValueConverter<string, string>(v => protector.Protect(v, purpose), v => protector.Unprotect(v, purpose));

/// <summary>Carries the protector in the context's options.</summary>
public sealed class PersonalDataOptionsExtension(PersonalDataProtector protector) : IDbContextOptionsExtension
{
    public PersonalDataProtector Protector { get; } = protector;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(PersonalDataOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "PersonalDataProtection ";
        // The extension adds no services: contexts share EF's internal services; the model cache key tells the keys apart.
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["SatuAtap:PersonalData"] = "1";
    }
}

/// <summary>One cached model per key set: the converters in a model hold that key set's protector.</summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, PersonalDataModel.ProtectorOf(context)?.Fingerprint);
}
