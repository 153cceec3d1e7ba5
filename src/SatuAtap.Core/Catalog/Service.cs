using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SatuAtap.Core.Common;

namespace SatuAtap.Core.Catalog;

[Flags]
public enum ServiceChannels { None = 0, Building = 1, Mobile = 2, Online = 4 }

public enum RequirementKind { Document, Field }

/// <summary>What a field requirement asks for: it decides the check of the value and the keyboard a phone offers.</summary>
public enum FieldType { Text, Nik, Npwp, Phone, Email, Date, Address, Number }

/// <summary>
/// What the product of a service is: a file the applicant downloads (<see cref="Document"/>), a card or another thing
/// to collect at the agency's counter (<see cref="Card"/>, <see cref="Item"/>), or a decision letter (<see cref="Letter"/>).
/// </summary>
public enum ProductKind { Document, Card, Item, Letter }

/// <summary>A service (layanan) of one agency, with its service standard.</summary>
public sealed class Service : Entity, IAudited, IVersioned
{
    public required string Code { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string Summary { get; set; } = "";
    public string? SummaryEn { get; set; }
    public ServiceChannels Channels { get; set; }
    public bool IsDemo { get; set; }
    public ServiceStandard Standard { get; set; } = new();
    public List<Requirement> Requirements { get; set; } = [];
    public List<Topic> Topics { get; set; } = [];
    public List<Counter> Counters { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// The service standard of PermenPANRB 15/2014: fourteen components. Requirements (the first) are rows of
/// <see cref="Requirement"/>; the other thirteen are here. The first six face the citizen and are published,
/// with the legal basis; the rest are internal.
/// </summary>
public sealed class ServiceStandard
{
    // Published
    public string Procedure { get; set; } = "";
    public string? ProcedureEn { get; set; }
    public int CompletionWorkingDays { get; set; }
    public long CostRupiah { get; set; }
    public string Product { get; set; } = "";
    public string? ProductEn { get; set; }
    /// <summary>What kind of thing <see cref="Product"/> is; decides whether the result is downloaded or collected.</summary>
    public ProductKind ProductKind { get; set; }
    public string ComplaintHandling { get; set; } = "";
    public string? ComplaintHandlingEn { get; set; }
    public string LegalBasis { get; set; } = "";
    // Internal
    public string Facilities { get; set; } = "";
    public string StaffCompetence { get; set; } = "";
    public string InternalSupervision { get; set; } = "";
    public string StaffCount { get; set; } = "";
    public string ServiceGuarantee { get; set; } = "";
    public string SafetyGuarantee { get; set; } = "";
    public string PerformanceEvaluation { get; set; } = "";
}

/// <summary>A requirement (persyaratan): a document to upload or bring, or a fact (field) to give.</summary>
public sealed class Requirement : Entity, IAudited
{
    public Guid ServiceId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public RequirementKind Kind { get; set; }
    /// <summary>For a field: its type (a document requirement keeps <see cref="FieldType.Text"/>).</summary>
    public FieldType FieldType { get; set; }
    public bool Required { get; set; } = true;
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    private static readonly string[] LongStandardTexts = ["Procedure", "ProcedureEn", "ComplaintHandling", "ComplaintHandlingEn", "LegalBasis",
        "Facilities", "StaffCompetence", "InternalSupervision", "ServiceGuarantee", "SafetyGuarantee", "PerformanceEvaluation"];

    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.HasIndex(s => s.Code).IsUnique();
        b.HasIndex(s => s.AgencyId);
        b.Property(s => s.Code).HasMaxLength(32);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.NameEn).HasMaxLength(200);
        b.Property(s => s.Summary).HasMaxLength(1000);
        b.Property(s => s.SummaryEn).HasMaxLength(1000);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Requirements).WithOne().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Topics).WithMany(t => t.Services).UsingEntity("ServiceTopics");
        b.HasMany(s => s.Counters).WithMany(c => c.Services).UsingEntity("CounterServices");
        b.ComplexProperty(s => s.Standard, sb =>
        {
            foreach (var p in LongStandardTexts)
                sb.Property<string>(p).HasMaxLength(4000);
            sb.Property(x => x.Product).HasMaxLength(500);
            sb.Property(x => x.ProductEn).HasMaxLength(500);
            // Stored as its name ("Document", "Card", "Item", "Letter"); services from before the kinds existed are
            // "Document" (the migration ProductKinds gives the column that default), which is what they did then.
            sb.Property(x => x.ProductKind).HasConversion<string>().HasMaxLength(16);
            sb.Property(x => x.StaffCount).HasMaxLength(500);
        });
    }
}

internal sealed class RequirementConfiguration : IEntityTypeConfiguration<Requirement>
{
    public void Configure(EntityTypeBuilder<Requirement> b)
    {
        b.Property(r => r.Name).HasMaxLength(300);
        b.Property(r => r.NameEn).HasMaxLength(300);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        // Stored as its name ("Nik", "Phone", …); rows from before the types existed are "Text" (the migration types
        // the fields whose names the old rules recognised).
        b.Property(r => r.FieldType).HasConversion<string>().HasMaxLength(16);
    }
}
