using DiaBan.Analytics.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class BusinessInspectionConfiguration : IEntityTypeConfiguration<BusinessInspectionRecord>
{
    public void Configure(EntityTypeBuilder<BusinessInspectionRecord> b)
    {
        var violations = string.Join(", ", Enum.GetValues<BusinessViolation>().Select(v => $"'{v.Code()}'"));
        b.ToTable("business_inspection", t =>
        {
            t.HasCheckConstraint("ck_business_inspection_state", "state IN ('draft', 'submitted', 'verified', 'returned')");
            t.HasCheckConstraint("ck_business_inspection_kind", "kind IN ('routine', 'surprise')");
            t.HasCheckConstraint("ck_business_inspection_violations", $"violations <@ ARRAY[{violations}]::text[]");
            t.HasCheckConstraint("ck_business_inspection_returned", "(state = 'returned') = (returned_reason IS NOT NULL)");
        });
        b.Property(x => x.Kind).HasConversion(new SnakeCaseEnumConverter<InspectionKind>()).HasMaxLength(16);
        b.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<ReviewState>()).HasMaxLength(16);
        b.Property(x => x.Findings).HasMaxLength(InspectionRules.MaxFindings).IsRequired();
        b.Property(x => x.Violations).HasColumnType("text[]").IsRequired();
        b.Property(x => x.InspectingUnit).HasMaxLength(InspectionRules.MaxUnit).IsRequired();
        b.Property(x => x.ReturnedReason).HasMaxLength(InspectionRules.MaxReason);
        b.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.ReviewedBy).HasMaxLength(100);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne(x => x.Business).WithMany().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BusinessId, x.State, x.InspectedOn });
        b.HasIndex(x => x.State);
    }
}
