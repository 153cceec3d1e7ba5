using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SurveyAndServedMonthRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServedMonthCounts",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Tickets = table.Column<long>(type: "bigint", nullable: false),
                    Applications = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServedMonthCounts", x => new { x.Month, x.ServiceId, x.AgencyId, x.SiteKey });
                });

            migrationBuilder.CreateTable(
                name: "ServedMonths",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServedMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "SurveyMonthTotals",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Respondents = table.Column<long>(type: "bigint", nullable: false),
                    S1 = table.Column<long>(type: "bigint", nullable: false),
                    S2 = table.Column<long>(type: "bigint", nullable: false),
                    S3 = table.Column<long>(type: "bigint", nullable: false),
                    S4 = table.Column<long>(type: "bigint", nullable: false),
                    S5 = table.Column<long>(type: "bigint", nullable: false),
                    S6 = table.Column<long>(type: "bigint", nullable: false),
                    S7 = table.Column<long>(type: "bigint", nullable: false),
                    S8 = table.Column<long>(type: "bigint", nullable: false),
                    S9 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyMonthTotals", x => new { x.Month, x.ServiceId, x.AgencyId, x.SiteKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServedMonthCounts_AgencyId_Month",
                table: "ServedMonthCounts",
                columns: new[] { "AgencyId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ServedMonthCounts_ServiceId_Month",
                table: "ServedMonthCounts",
                columns: new[] { "ServiceId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ServedMonthCounts_SiteKey_Month",
                table: "ServedMonthCounts",
                columns: new[] { "SiteKey", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyMonthTotals_AgencyId_Month",
                table: "SurveyMonthTotals",
                columns: new[] { "AgencyId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyMonthTotals_ServiceId_Month",
                table: "SurveyMonthTotals",
                columns: new[] { "ServiceId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyMonthTotals_SiteKey_Month",
                table: "SurveyMonthTotals",
                columns: new[] { "SiteKey", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServedMonthCounts");

            migrationBuilder.DropTable(
                name: "ServedMonths");

            migrationBuilder.DropTable(
                name: "SurveyMonthTotals");
        }
    }
}
