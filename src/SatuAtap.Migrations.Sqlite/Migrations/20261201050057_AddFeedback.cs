using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CheckCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 16077, nullable: false),
                    PublicText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 877, nullable: true),
                    ReporterEmail = table.Column<string>(type: "TEXT", maxLength: 1093, nullable: true),
                    ReporterPhone = table.Column<string>(type: "TEXT", maxLength: 157, nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AttachmentKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachmentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ForwardDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ForwardedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnswerDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CloseOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Open311ClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Open311Clients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Open311Clients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    U1 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U2 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U3 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U4 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U5 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U6 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U7 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U8 = table.Column<byte>(type: "INTEGER", nullable: false),
                    U9 = table.Column<byte>(type: "INTEGER", nullable: false),
                    AgeYears = table.Column<int>(type: "INTEGER", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Education = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Occupation = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintEvents_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEvents_ComplaintId_AtUtc",
                table: "ComplaintEvents",
                columns: new[] { "ComplaintId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_AgencyId_Status",
                table: "Complaints",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Number",
                table: "Complaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Status_ForwardDue",
                table: "Complaints",
                columns: new[] { "Status", "ForwardDue" });

            migrationBuilder.CreateIndex(
                name: "IX_Open311Clients_KeyHash",
                table: "Open311Clients",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_AgencyId_Day",
                table: "SurveyResponses",
                columns: new[] { "AgencyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ApplicationId",
                table: "SurveyResponses",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_Day",
                table: "SurveyResponses",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ServiceId_Day",
                table: "SurveyResponses",
                columns: new[] { "ServiceId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_SiteId_Day",
                table: "SurveyResponses",
                columns: new[] { "SiteId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_TicketId",
                table: "SurveyResponses",
                column: "TicketId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintEvents");

            migrationBuilder.DropTable(
                name: "Open311Clients");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "Complaints");
        }
    }
}
