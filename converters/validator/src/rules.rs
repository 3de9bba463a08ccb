//! The rule table: what each code checks and where the rule comes from, plus how every
//! rule of the Swagger Validator list (reference §6.4) is covered. The README's tables are
//! generated from these lists and a test keeps them in step.

use connectorize_ir::Code;

use crate::codes;

/// One validator rule: its code (severity and summary included) and its source.
#[derive(Debug)]
pub struct Rule {
    /// The code every finding of this rule carries.
    pub code: Code,
    /// Where the rule comes from: a §6.4 rule id of `connector-format.md`, the official
    /// schema, or another section of that reference.
    pub source: &'static str,
}

/// How a rule of the Power Platform Swagger Validator list is covered offline.
#[derive(Debug)]
pub enum Coverage {
    /// Checked, with these codes.
    Checked(&'static [Code]),
    /// Not checkable offline, for this reason.
    NotOffline(&'static str),
}

/// Every rule, in code order.
pub fn rules() -> &'static [Rule] {
    RULES
}

/// Every rule id of the Swagger Validator list (§6.4) with its coverage, in the list's order.
pub fn swagger_validator_rules() -> &'static [(&'static str, Coverage)] {
    VALIDATOR_RULES
}

const RULES: &[Rule] = &[
    Rule { code: codes::INVALID_JSON, source: "paconn / portal: strict JSON (§6.1, §9)" },
    Rule { code: codes::DUPLICATE_KEY, source: "RFC 8259 (names SHOULD be unique)" },
    Rule { code: codes::FILE_TOO_LARGE, source: "§3.10, §6.3 (1 MB)" },
    Rule { code: codes::FILE_LARGE_FORMATTED, source: "§3.10, §6.3 (1 MB)" },
    Rule { code: codes::TOO_MANY_OPERATIONS, source: "§6.4 TotalOperationsCountExceedsMaxAllowed + §6.3 (256)" },
    Rule { code: codes::BODY_SCHEMA_COUNT, source: "§6.4 BodySchemaCountExceedsMaxAllowed + §6.3 (512)" },
    Rule { code: codes::OPERATION_SCHEMA_COUNT, source: "§6.4 OperationSchemaCountExceedsMaxAllowed + §6.3 (16,384)" },
    Rule { code: codes::TOTAL_SCHEMA_COUNT, source: "§6.4 TotalSchemaCountExceedsMaxAllowed" },
    Rule { code: codes::SWAGGER_VERSION, source: "§6.4 SpecificationVersionIncorrect" },
    Rule { code: codes::REQUIRED_PROPERTY, source: "§6.4 RequiredPropertyMissing + schema §2.1, §2.2" },
    Rule { code: codes::REQUIRED_VALUE_EMPTY, source: "§6.4 RequiredValueEmpty" },
    Rule { code: codes::PROPERTY_NOT_ALLOWED, source: "§6.4 AdditionalPropertyNotAllowed + schema §2.1 (additionalProperties: false)" },
    Rule { code: codes::JSON_TYPE, source: "§6.4 JsonTypeIncorrect + schema §2.1, §2.2" },
    Rule { code: codes::VALUE_NOT_IN_ENUM, source: "§6.4 JsonValueNotInEnum + schema §2.1" },
    Rule { code: codes::EXTENSION_VALUE, source: "§6.4 JsonValueNotInEnum" },
    Rule { code: codes::EXTENSION_NOT_ALLOWED, source: "schema (x-ms-* only where listed, §2.1, §4)" },
    Rule { code: codes::HOST_INVALID, source: "§6.4 HostNameNotValid" },
    Rule { code: codes::BASE_PATH_INVALID, source: "§6.4 BasePathNotValid" },
    Rule { code: codes::SCHEMES_EMPTY, source: "§6.4 SchemesArrayEmpty" },
    Rule { code: codes::SCHEME_INVALID, source: "§6.4 SchemeNotValid" },
    Rule { code: codes::SCHEME_WEBSOCKET, source: "§6.4 SchemeNotSupported" },
    Rule { code: codes::MIME_TYPE_INVALID, source: "§6.4 MimeTypeNotValid" },
    Rule { code: codes::MIME_TYPE_UNSUPPORTED, source: "§6.4 MimeTypeNotSupported" },
    Rule { code: codes::CONTACT_EMAIL, source: "§6.4 ContactEmailNotValid" },
    Rule { code: codes::URL_INVALID, source: "§6.4 UrlNotValid" },
    Rule { code: codes::TAG_REDEFINED, source: "§6.4 TagRedefined" },
    Rule { code: codes::ARRAY_DUPLICATE, source: "§6.4 ArrayDuplicateValue" },
    Rule { code: codes::KEYWORD_NOT_SUPPORTED, source: "§6.4 SwaggerKeywordNotSupported" },
    Rule { code: codes::EXTENSION_NAME, source: "§6.4 ExtensionNameNotValid" },
    Rule { code: codes::PATH_NO_SLASH, source: "§6.4 OperationPathMustStartWithSlash" },
    Rule { code: codes::PATH_QUERY_FRAGMENT, source: "§6.4 OperationPathMayNotContainQueryOrFragment" },
    Rule { code: codes::PATH_WILDCARD, source: "§6.4 OperationPathContainsUnsupportedCharacters" },
    Rule { code: codes::PATH_TEMPLATE, source: "§6.4 OperationPathTemplateNotValid" },
    Rule { code: codes::PATH_VARIABLE_DEFAULT, source: "§6.4 OperationPathVariablesContainDefaults" },
    Rule { code: codes::PATH_REDEFINED, source: "§6.4 PathRedefined" },
    Rule { code: codes::DUPLICATE_OPERATION_PATH, source: "§6.4 DuplicateOperationPath" },
    Rule { code: codes::PARTIAL_DUPLICATE_PATH, source: "§6.4 PartialDuplicateOperationPath" },
    Rule { code: codes::PATH_ITEM_REF, source: "§6.4 PathItemRefNotSuppored" },
    Rule { code: codes::OPERATION_ID_REQUIRED, source: "§6.4 OperationIdRequired" },
    Rule { code: codes::OPERATION_ID_NOT_UNIQUE, source: "§6.4 OperationIdNotUnique" },
    Rule { code: codes::OPERATION_ID_SANITIZED, source: "§6.4 OperationIdSanitized" },
    Rule { code: codes::OPERATION_NO_RESPONSE, source: "§6.4 OperationMustHaveResponse" },
    Rule { code: codes::OPERATION_NO_SUCCESS, source: "§6.4 OperationShouldHaveSuccessfulResponse" },
    Rule { code: codes::RESPONSE_CODE_INVALID, source: "§6.4 ResponseMustBeDefaultOrHttpStatusCode" },
    Rule { code: codes::DEFAULT_RESPONSE_SCHEMA, source: "§6.4 DefaultResponseHasSchema" },
    Rule { code: codes::MANY_RESPONSE_SCHEMAS, source: "§6.4 OperationHasManyResponsesWithSchema" },
    Rule { code: codes::SUMMARY_TOO_LONG, source: "§6.4 OperationSummaryTooLong + §6.2 (80)" },
    Rule { code: codes::SUMMARY_RESTRICTED_CHARACTERS, source: "§6.4 RestrictedCharactersInSummary" },
    Rule { code: codes::RESPONSE_HEADERS_NOT_UNIQUE, source: "§6.4 ResponseHeadersAreNotUnique" },
    Rule { code: codes::RESPONSE_EXAMPLE_MIME, source: "§6.4 ResponseExampleMustBeProducedByOperation" },
    Rule { code: codes::FAMILY_DUPLICATE_REVISIONS, source: "§6.4 OperationFamilyHasDuplicateRevisions" },
    Rule { code: codes::FAMILY_MANY_ACTIVE, source: "§6.4 OperationFamilyHasManyActiveOperations" },
    Rule { code: codes::FAMILY_MANY_PRODUCTION, source: "§6.4 OperationFamilyHasManyActiveProductionOperations" },
    Rule { code: codes::FAMILY_MANY_EMPTY_REVISIONS, source: "§6.4 OperationFamilyHasManyEmptyRevisions" },
    Rule { code: codes::REVISION_EMPTY, source: "§6.4 OperationRevisionEmpty" },
    Rule { code: codes::OPERATION_ID_REVISION_SUFFIX, source: "§6.4 OperationIdShouldEndWithRevision" },
    Rule { code: codes::REPLACEMENT_ON_ACTIVE, source: "§6.4 ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations" },
    Rule { code: codes::REPLACEMENT_MISSING_API, source: "§6.4 ApiAnnotationExtensionReplacementInfoMissingApiProperty" },
    Rule { code: codes::REPLACEMENT_MISSING_OPERATION_ID, source: "§6.4 ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty" },
    Rule { code: codes::STATUS_AHEAD_OF_CONNECTOR, source: "§6.4 OperationStatusAheadOfConnector" },
    Rule { code: codes::PAGEABLE_NEXT_LINK, source: "§6.4 InvalidNextLinkNameValue" },
    Rule { code: codes::PARAMETER_REF_INVALID, source: "§6.4 ParameterReferenceNotValid" },
    Rule { code: codes::PARAMETER_REF_NOT_FOUND, source: "§6.4 ParameterReferenceNotFound" },
    Rule { code: codes::PARAMETER_REF_LOOP, source: "§6.4 ParameterRefLoopNotAllowed" },
    Rule { code: codes::DUPLICATE_PARAMETER, source: "§6.4 OperationParametersAreNotUnique, OperationParametersContainDuplicateParameter, PathParametersContainDuplicateParameter" },
    Rule { code: codes::MULTIPLE_BODY, source: "§6.4 OperationParametersContainMultipleBodyParameters, PathParametersContainMultipleBodyParameters" },
    Rule { code: codes::BODY_AND_FORM_DATA, source: "§6.4 ParameterListContainsFormDataAndBody" },
    Rule { code: codes::BODY_IN_GET, source: "§6.4 BodyOrFormDataParameterInFetchOperationNotAllowed" },
    Rule { code: codes::CONNECTION_ID_PARAMETER, source: "§6.4 ConnectionIdParameterNotAllowed" },
    Rule { code: codes::PATH_PARAMETER_NOT_REQUIRED, source: "§6.4 PathParameterMustBeRequired" },
    Rule { code: codes::PATH_PARAMETER_NOT_IN_TEMPLATE, source: "§6.4 PathParameterNotDefinedInTemplate" },
    Rule { code: codes::PATH_PARAMETER_MISSING, source: "§6.4 OperationMissingPathParameter" },
    Rule { code: codes::PATH_PARAMETER_ENCODING, source: "§6.4 PathParameterMissingEncoding" },
    Rule { code: codes::QUERY_PARAMETER_ENCODING, source: "§6.4 QueryParameterEncodingNotSupported" },
    Rule { code: codes::FILE_NOT_IN_FORM_DATA, source: "§6.4 FileParameterMustBeInFormData" },
    Rule { code: codes::FORM_DATA_NAME_ASCII, source: "§6.4 InvalidFormDataParameterName" },
    Rule { code: codes::BODY_SCHEMA_REQUIRED, source: "§6.4 BodyParameterSchemaRequired" },
    Rule { code: codes::BODY_PROPERTY_INVALID, source: "§6.4 BodyParameterPropertyNotValid" },
    Rule { code: codes::NON_BODY_SCHEMA, source: "§6.4 NonBodyParameterSchemaNotValid" },
    Rule { code: codes::ALLOW_EMPTY_VALUE, source: "§6.4 AllowEmptyValueOnlyValidForQueryFormData" },
    Rule { code: codes::COLLECTION_FORMAT, source: "§6.4 CollectionFormatValueNotSupported" },
    Rule { code: codes::INTERNAL_OPTIONAL_DEFAULT, source: "§6.4 InternalPropertyWithDefaultOptional" },
    Rule { code: codes::INTERNAL_REQUIRED_NO_DEFAULT, source: "§3.6, §4.1 (openapi-extensions: internal + required needs a default)" },
    Rule { code: codes::STRING_BINARY_FORM_URLENCODED, source: "§6.4 StringBinaryNotSupportedForFormUrlEncoded" },
    Rule { code: codes::CONSUMES_MISSING, source: "§6.4 ConsumesMissing" },
    Rule { code: codes::SCHEMA_REF_INVALID, source: "§6.4 SchemaReferenceNotValid" },
    Rule { code: codes::SCHEMA_REF_NOT_FOUND, source: "§6.4 SchemaReferenceNotFound" },
    Rule { code: codes::SCHEMA_REF_LOOP, source: "§6.4 SchemaRefLoopNotAllowed" },
    Rule { code: codes::RESPONSE_REF_INVALID, source: "§6.4 ResponseReferenceNotValid" },
    Rule { code: codes::RESPONSE_REF_NOT_FOUND, source: "§6.4 ResponseReferenceNotFound" },
    Rule { code: codes::RESPONSE_REF_LOOP, source: "§6.4 ResponseRefLoopNotAllowed" },
    Rule { code: codes::JSON_POINTER_INVALID, source: "§6.4 JsonPointerNotValid" },
    Rule { code: codes::REF_SIBLINGS, source: "§6.4 AdditionalPropertyNotAllowedAdjacentToRef" },
    Rule { code: codes::ARRAY_NO_ITEMS, source: "§6.4 ArrayHasNoItems" },
    Rule { code: codes::REQUIRED_EMPTY, source: "§6.4 RequiredPropertyArrayEmpty" },
    Rule { code: codes::REQUIRED_NOT_ON_OBJECT, source: "§6.4 RequiredPropertyNotOnObject" },
    Rule { code: codes::REQUIRED_NOT_DEFINED, source: "§6.4 RequiredPropertyDefinitionMissing" },
    Rule { code: codes::REQUIRED_READONLY_INPUT, source: "§6.4 RequiredReadOnlyPropertyNotAllowedAsInput" },
    Rule { code: codes::REQUIRED_LOOP, source: "§6.4 RequiredLoopInSchemaNotAllowed" },
    Rule { code: codes::ENUM_EMPTY, source: "§6.4 EnumMustContainAtLeastOneElement" },
    Rule { code: codes::ENUM_VALUE_TYPE, source: "§6.4 InvalidEnumValue" },
    Rule { code: codes::DEFAULT_TYPE, source: "§6.4 DefaultValueMustMatchType" },
    Rule { code: codes::UNRECOGNIZED_FORMAT, source: "§6.4 UnrecognizedTypeFormat" },
    Rule { code: codes::TYPE_FILE, source: "§6.4 SchemaTypeFileNotValid" },
    Rule { code: codes::STRING_BINARY_NESTED, source: "§6.4 InvalidStringBinaryProperty" },
    Rule { code: codes::DISCRIMINATOR, source: "§6.4 DiscriminatorMustBeARequiredStringProperty" },
    Rule { code: codes::EXCLUSIVE_MAXIMUM, source: "§6.4 ExclusiveMaximumRequiresMaximum" },
    Rule { code: codes::EXCLUSIVE_MINIMUM, source: "§6.4 ExclusiveMinimumRequiresMinimum" },
    Rule { code: codes::NEGATIVE_BOUND, source: "§6.4 MaxItemsMustBeGreaterThanOrEqualToZero, MaxLengthMustBeGreaterThanOrEqualToZero, MaxPropertiesMustBeGreaterThanOrEqualToZero, MinItemsMustBeGreaterThanOrEqualToZero, MinLengthMustBeGreaterThanOrEqualToZero, MinPropertiesMustBeGreaterThanOrEqualToZero" },
    Rule { code: codes::MIN_ABOVE_MAX, source: "§6.4 MinimumShouldBeLessThanOrEqualToMaximum, MinItemsShouldBeLessThanOrEqualToMaxItems, MinLengthShouldBeLessThanOrEqualToMaxLength" },
    Rule { code: codes::MULTIPLE_OF, source: "§6.4 MultipleOfMustBeGreaterThanZero" },
    Rule { code: codes::PATTERN_INVALID, source: "§6.4 PatternShouldBeValidRegularExpression" },
    Rule { code: codes::INTERNAL_PROPERTY_NOT_REQUIRED, source: "§6.4 PropertyMustBeRequired" },
    Rule { code: codes::EDITOR_DICTIONARY, source: "§6.4 InvalidCustomEditorExtensionDictionaryValue" },
    Rule { code: codes::ENUM_VALUES_DUPLICATE, source: "§6.4 DuplicateEnumValuesInExtension" },
    Rule { code: codes::ENUM_VALUES_NOT_IN_ENUM, source: "§6.4 InvalidEnumValuesExtensionValue" },
    Rule { code: codes::ENUM_VALUES_DISPLAY_NAME, source: "§6.4 MissingEnumValuesDisplayName" },
    Rule { code: codes::DYNAMIC_ON_BODY_PARAMETER, source: "§6.4 DynamicExtensionDefinitionNotAllowedInParameter" },
    Rule { code: codes::OPERATION_ID_NOT_FOUND, source: "§6.4 OperationIdNotFound" },
    Rule { code: codes::DYNAMIC_PARAMETER_NOT_FOUND, source: "§6.4 OperationParameterNameNotFound" },
    Rule { code: codes::DYNAMIC_REQUIRED_PARAMETER_MISSING, source: "§6.4 OperationMissingRequiredProperty" },
    Rule { code: codes::DYNAMIC_SOURCE_INTERNAL, source: "§6.4 SourcePropertyInternal" },
    Rule { code: codes::DYNAMIC_LIST_REQUIRED, source: "§6.4 DynamicListExtensionRequiredForNonParameterReferences" },
    Rule { code: codes::DYNAMIC_PROPERTIES_REQUIRED, source: "§6.4 DynamicPropertiesExtensionRequiredForNonParameterReferences, DynamicPropertiesExtensionRequiredForPropertiesValuePath" },
    Rule { code: codes::DYNAMIC_PROPERTIES_PATH_MISMATCH, source: "§6.4 DynamicPropertiesItemValuePathMismatch" },
    Rule { code: codes::DYNAMIC_TREE_MISSING, source: "§6.4 DynamicTreeExtensionMissing" },
    Rule { code: codes::SELECTED_ITEM_VALUE_PATH, source: "§6.4 SelectedItemValuePathNotAllowedInThisPosition" },
    Rule { code: codes::DYNAMIC_SOURCE_MISSING, source: "§6.4 OneOfPropertiesRequired" },
    Rule { code: codes::STATIC_TYPE_MISMATCH, source: "§6.4 OperationParameterStaticTypeMismatch" },
    Rule { code: codes::INVOKED_ARRAY, source: "§6.4 InvokedOperationShouldProduceArray" },
    Rule { code: codes::NOTIFICATION_NOT_TRIGGER, source: "§6.4 NotificationExtensionSupportedForTriggerOnly" },
    Rule { code: codes::NOTIFICATION_ON_WEBHOOK, source: "§6.4 NotificationExtensionNotSupportedInWebhookOperation" },
    Rule { code: codes::NOTIFICATION_TARGET_NOT_WEBHOOK, source: "§6.4 NotificationOperationMustBeWebhook" },
    Rule { code: codes::SAME_NAME_TYPE_VISIBILITY, source: "§6.4 ParamtersWithSameNameMustHaveSameTypeAndVisibility" },
    Rule { code: codes::WEBHOOK_NO_NOTIFICATION_URL, source: "§6.4 WebhookOperationsMissingNotificationUrlProperty" },
    Rule { code: codes::WEBHOOK_NO_NOTIFICATION_CONTENT, source: "§6.4 OperationMustHaveNotificationContentExtension" },
    Rule { code: codes::WEBHOOK_NO_SCHEMA, source: "§6.4 SchemaDefinitionSetIncorrectly" },
    Rule { code: codes::NOTIFICATION_URL_POSITION, source: "§6.4 NotificationUrlNotAllowedInThisPosition" },
    Rule { code: codes::NOTIFICATION_URL_NOT_INTERNAL, source: "§6.4 NotificationUrlNotInternal" },
    Rule { code: codes::NOTIFICATION_URL_NOT_REQUIRED, source: "§6.4 NotificationUrlNotRequired" },
    Rule { code: codes::NOTIFICATION_URL_NOT_STRING, source: "§6.4 NotificationUrlNotString" },
    Rule {
        code: codes::INVOKED_PROPERTY,
        source: "§6.4 InvokedOperationShouldProduceProperty",
    },
    Rule { code: codes::SECURITY_PROPERTY_REQUIRED, source: "§6.4 SecuritySchemePropertyRequired" },
    Rule { code: codes::SECURITY_PROPERTY_INVALID, source: "§6.4 SecuritySchemePropertyNotValid" },
    Rule { code: codes::SECURITY_REQUIREMENT_UNDEFINED, source: "§6.4 SecurityRequirementMustBeDefined" },
    Rule { code: codes::SECURITY_REQUIREMENT_VALUE, source: "§6.4 SecurityRequirementMustHaveValue" },
    Rule { code: codes::SECURITY_REQUIREMENT_SCOPES, source: "§6.4 SecurityRequirementMustHaveEmptyValue" },
    Rule { code: codes::SECURITY_SCOPE_UNDEFINED, source: "§6.4 OAuthSecurityRequirementValueMustBeScopeName" },
    Rule { code: codes::OAUTH_FLOW_UNSUPPORTED, source: "§3.8 (client credentials not supported)" },
    Rule { code: codes::MULTIPLE_SECURITY_DEFINITIONS, source: "§3.8 (the top definition is used)" },
    Rule { code: codes::PROPERTIES_UNKNOWN_KEY, source: "schema §2.2, §5.1 (paconn key whitelist)" },
    Rule { code: codes::BRAND_COLOR_FORMAT, source: "§5.1 (HTML hex code)" },
    Rule { code: codes::CONNECTION_PARAMETER_KEY, source: "schema §2.2, §5.2 (key patterns)" },
    Rule { code: codes::CONNECTION_PARAMETER_TYPE, source: "schema §5.2 (types)" },
    Rule { code: codes::CONNECTION_PARAMETER_TYPE_CASE, source: "schema §5.2 (types)" },
    Rule { code: codes::UI_CONSTRAINT_STRING_BOOL, source: "schema §5.2 (uiDefinition.constraints)" },
    Rule { code: codes::UI_CLEAR_TEXT_BOOL, source: "schema §5.2 (uiDefinition.constraints)" },
    Rule { code: codes::PRIMITIVE_KEY_TYPE, source: "schema §2.2, §5.2 (name:claim keys)" },
    Rule { code: codes::TENANT_ID_SHAPE, source: "schema §5.2 (ConnectionParameter-claim-TenantId)" },
    Rule { code: codes::OAUTH_SETTINGS_MISSING, source: "schema §5.2, §5.3" },
    Rule { code: codes::IDENTITY_PROVIDER_UNKNOWN, source: "schema §5.3 (identityProvider enum)" },
    Rule { code: codes::OAUTH_CUSTOM_PARAMETER_MISSING, source: "schema §5.3 (aad/aadcertificate resourceUri) and §10.24 (oauth2 URLs)" },
    Rule { code: codes::OAUTH_CUSTOM_PARAMETER_SHAPE, source: "schema §5.3 (oAuthSettings-CustomParameter)" },
    Rule { code: codes::OAUTH_CUSTOM_PARAMETER_UNKNOWN, source: "schema §5.3 (customParameters per provider)" },
    Rule { code: codes::REDIRECT_URL, source: "§5.3, §10.26" },
    Rule { code: codes::REDIRECT_MODE, source: "§5.3 (schema enum + GlobalPerConnector seen in PPC)" },
    Rule { code: codes::CLIENT_SECRET_REAL, source: "§5.3 (no real secrets in submitted files), ARCHITECTURE (never copy secrets)" },
    Rule { code: codes::FIRST_PARTY, source: "schema §5.3 (IsFirstParty)" },
    Rule { code: codes::POLICY_TEMPLATE_UNKNOWN, source: "§5.6 (template table)" },
    Rule { code: codes::POLICY_PARAMETER_MISSING, source: "§5.6 (required parameters)" },
    Rule { code: codes::POLICY_PARAMETER_VALUE, source: "§5.6 (existsAction, policySection, httpMethod, retainKey values)" },
    Rule { code: codes::POLICY_OPERATION_UNKNOWN, source: "§5.6 (x-ms-apimTemplate-operationName)" },
    Rule { code: codes::CONNECTION_PARAMETER_UNDECLARED, source: "§5.6 (@connectionParameters expressions)" },
    Rule { code: codes::SCRIPT_OPERATION_UNKNOWN, source: "§8.4 (scriptOperations)" },
    Rule { code: codes::SECURITY_WITHOUT_CONNECTION_PARAMETER, source: "§5.2 (security definition ↔ connection parameter pairing)" },
    Rule { code: codes::SECURITY_PARAMETER_NAME, source: "§5.2, §10.24 (api_key, username/password, token)" },
    Rule { code: codes::CONNECTION_PARAMETER_WITHOUT_SECURITY, source: "§5.2 (pairing)" },
    Rule { code: codes::OAUTH_SETTINGS_ON_NON_OAUTH, source: "schema §5.2 (oAuthSettings belongs to oauthSetting)" },
    Rule { code: codes::CERT_TITLE_LENGTH, source: "§6.4 FieldLengthExceeded + §6.2 (30)" },
    Rule { code: codes::CERT_TITLE_RESTRICTED_WORDS, source: "§6.4 ValueContainsRestrictedWords" },
    Rule { code: codes::CERT_TITLE_END, source: "§6.4 ValueMustEndWithAlphanumeric" },
    Rule { code: codes::CERT_DESCRIPTION_LENGTH, source: "§6.4 FieldLengthNotInRange + §6.2 (30–500)" },
    Rule { code: codes::CERT_DESCRIPTION_RESTRICTED_WORDS, source: "§6.4 ValueContainsRestrictedWords" },
    Rule { code: codes::CERT_REQUIRED, source: "§6.4 RequiredPropertyMissing + §6.2 (contact, description, summaries)" },
    Rule { code: codes::CERT_METADATA_PROPERTY, source: "§6.4 ConnectorMetadataPropertiesMissing + §3.9" },
    Rule { code: codes::CERT_CATEGORY_INVALID, source: "§6.4 InvalidConnectorCategory + §3.9" },
    Rule { code: codes::CERT_TOO_MANY_CATEGORIES, source: "§6.4 TooManyConnectorCategories + §3.9" },
    Rule { code: codes::CERT_README_MISSING, source: "§1.1, §8.5 (readme.md required)" },
    Rule { code: codes::CERT_README_SECTION, source: "§8.5 (template sections)" },
    Rule { code: codes::CERT_BRAND_COLOR, source: "§5.1, §6.1 (PR checklist), §6.2" },
    Rule { code: codes::CERT_PUBLISHER, source: "§5.5" },
    Rule { code: codes::CERT_HOST_NOT_PRODUCTION, source: "§3.3, §6.2 (production host only)" },
    Rule {
        code: codes::CERT_DETAIL_MISSING,
        source: "§6.4 RequiredPropertyMissing + §6.2 (summaries and descriptions checklist), §3.2 (contact name, url, email)",
    },];

const VALIDATOR_RULES: &[(&str, Coverage)] = &[
    (
        "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
        Coverage::Checked(&[codes::REPLACEMENT_ON_ACTIVE]),
    ),
    (
        "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
        Coverage::Checked(&[codes::REPLACEMENT_MISSING_API]),
    ),
    (
        "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
        Coverage::Checked(&[codes::REPLACEMENT_MISSING_OPERATION_ID]),
    ),
    (
        "ArrayDuplicateValue",
        Coverage::Checked(&[codes::ARRAY_DUPLICATE]),
    ),
    (
        "BodyOrFormDataParameterInFetchOperationNotAllowed",
        Coverage::Checked(&[codes::BODY_IN_GET]),
    ),
    (
        "ConnectionIdParameterNotAllowed",
        Coverage::Checked(&[codes::CONNECTION_ID_PARAMETER]),
    ),
    (
        "ConsumesMissing",
        Coverage::Checked(&[codes::CONSUMES_MISSING]),
    ),
    (
        "DuplicateEnumValuesInExtension",
        Coverage::Checked(&[codes::ENUM_VALUES_DUPLICATE]),
    ),
    (
        "DuplicateOperationPath",
        Coverage::Checked(&[codes::DUPLICATE_OPERATION_PATH]),
    ),
    (
        "DynamicExtensionDefinitionNotAllowedInParameter",
        Coverage::Checked(&[codes::DYNAMIC_ON_BODY_PARAMETER]),
    ),
    (
        "DynamicListExtensionRequiredForAmbiguousReferences",
        Coverage::NotOffline("which references the service treats as ambiguous is not documented"),
    ),
    (
        "DynamicListExtensionRequiredForNonParameterReferences",
        Coverage::Checked(&[codes::DYNAMIC_LIST_REQUIRED]),
    ),
    (
        "DynamicPropertiesExtensionRequiredForAmbiguousReferences",
        Coverage::NotOffline("which references the service treats as ambiguous is not documented"),
    ),
    (
        "DynamicPropertiesExtensionRequiredForNonParameterReferences",
        Coverage::Checked(&[codes::DYNAMIC_PROPERTIES_REQUIRED]),
    ),
    (
        "DynamicPropertiesExtensionRequiredForPropertiesValuePath",
        Coverage::Checked(&[codes::DYNAMIC_PROPERTIES_REQUIRED]),
    ),
    (
        "DynamicPropertiesItemValuePathMismatch",
        Coverage::Checked(&[codes::DYNAMIC_PROPERTIES_PATH_MISMATCH]),
    ),
    (
        "DynamicTreeExtensionMissing",
        Coverage::Checked(&[codes::DYNAMIC_TREE_MISSING]),
    ),
    (
        "InvalidEnumValue",
        Coverage::Checked(&[codes::ENUM_VALUE_TYPE]),
    ),
    (
        "InvalidEnumValuesExtensionValue",
        Coverage::Checked(&[codes::ENUM_VALUES_NOT_IN_ENUM]),
    ),
    (
        "InvalidFormDataParameterName",
        Coverage::Checked(&[codes::FORM_DATA_NAME_ASCII]),
    ),
    (
        "InvalidNextLinkNameValue",
        Coverage::Checked(&[codes::PAGEABLE_NEXT_LINK]),
    ),
    (
        "InvokedOperationShouldProduceArray",
        Coverage::Checked(&[codes::INVOKED_ARRAY]),
    ),
    (
        "InvokedOperationShouldProduceProperty",
        Coverage::Checked(&[codes::INVOKED_PROPERTY]),
    ),
    (
        "MimeTypeNotCompatibleWithRequestContentSchemaType",
        Coverage::NotOffline("the compatibility table between MIME types and request content types is not published"),
    ),
    (
        "NotificationExtensionNotSupportedInWebhookOperation",
        Coverage::Checked(&[codes::NOTIFICATION_ON_WEBHOOK]),
    ),
    (
        "NotificationExtensionSupportedForTriggerOnly",
        Coverage::Checked(&[codes::NOTIFICATION_NOT_TRIGGER]),
    ),
    (
        "NotificationOperationMustBeWebhook",
        Coverage::Checked(&[codes::NOTIFICATION_TARGET_NOT_WEBHOOK]),
    ),
    (
        "OperationFamilyHasDuplicateRevisions",
        Coverage::Checked(&[codes::FAMILY_DUPLICATE_REVISIONS]),
    ),
    (
        "OperationFamilyHasManyActiveOperations",
        Coverage::Checked(&[codes::FAMILY_MANY_ACTIVE]),
    ),
    (
        "OperationFamilyHasManyActiveProductionOperations",
        Coverage::Checked(&[codes::FAMILY_MANY_PRODUCTION]),
    ),
    (
        "OperationFamilyHasManyEmptyRevisions",
        Coverage::Checked(&[codes::FAMILY_MANY_EMPTY_REVISIONS]),
    ),
    (
        "OperationHasManyResponsesWithSchema",
        Coverage::Checked(&[codes::MANY_RESPONSE_SCHEMAS]),
    ),
    (
        "OperationIdNotFound",
        Coverage::Checked(&[codes::OPERATION_ID_NOT_FOUND]),
    ),
    (
        "OperationIdNotUnique",
        Coverage::Checked(&[codes::OPERATION_ID_NOT_UNIQUE]),
    ),
    (
        "OperationIdRequired",
        Coverage::Checked(&[codes::OPERATION_ID_REQUIRED]),
    ),
    (
        "OperationIdSanitized",
        Coverage::Checked(&[codes::OPERATION_ID_SANITIZED]),
    ),
    (
        "OperationIdShouldEndWithRevision",
        Coverage::Checked(&[codes::OPERATION_ID_REVISION_SUFFIX]),
    ),
    (
        "OperationIdTooLong",
        Coverage::NotOffline("the length limit is not published (the message carries a placeholder)"),
    ),
    (
        "OperationMissingPathParameter",
        Coverage::Checked(&[codes::PATH_PARAMETER_MISSING]),
    ),
    (
        "OperationMissingRequiredProperty",
        Coverage::Checked(&[codes::DYNAMIC_REQUIRED_PARAMETER_MISSING]),
    ),
    (
        "OperationMustHaveNotificationContentExtension",
        Coverage::Checked(&[codes::WEBHOOK_NO_NOTIFICATION_CONTENT]),
    ),
    (
        "OperationMustHaveResponse",
        Coverage::Checked(&[codes::OPERATION_NO_RESPONSE]),
    ),
    (
        "OperationParameterNameIsAmbiguous",
        Coverage::NotOffline("which names the service treats as ambiguous between parameters and body paths is not documented"),
    ),
    (
        "OperationParameterNameNotFound",
        Coverage::Checked(&[codes::DYNAMIC_PARAMETER_NOT_FOUND]),
    ),
    (
        "OperationParameterRequiredMismatch",
        Coverage::NotOffline("needs the service's rule for which source values count as optional (defaults, dynamic values); not documented"),
    ),
    (
        "OperationParametersAreNotUnique",
        Coverage::Checked(&[codes::DUPLICATE_PARAMETER]),
    ),
    (
        "OperationParametersContainDuplicateParameter",
        Coverage::Checked(&[codes::DUPLICATE_PARAMETER]),
    ),
    (
        "OperationParametersContainMultipleBodyParameters",
        Coverage::Checked(&[codes::MULTIPLE_BODY]),
    ),
    (
        "OperationParameterStaticTypeMismatch",
        Coverage::Checked(&[codes::STATIC_TYPE_MISMATCH]),
    ),
    (
        "OperationParameterTypeMismatch",
        Coverage::NotOffline("type compatibility between a source and a target parameter (string to integer coercion, formats) is not documented"),
    ),
    (
        "OperationPathContainsUnsupportedCharacters",
        Coverage::Checked(&[codes::PATH_WILDCARD]),
    ),
    (
        "OperationPathMayNotContainQueryOrFragment",
        Coverage::Checked(&[codes::PATH_QUERY_FRAGMENT]),
    ),
    (
        "OperationPathMustStartWithSlash",
        Coverage::Checked(&[codes::PATH_NO_SLASH]),
    ),
    (
        "OperationPathTemplateNotValid",
        Coverage::Checked(&[codes::PATH_TEMPLATE]),
    ),
    (
        "OperationPathVariablesContainDefaults",
        Coverage::Checked(&[codes::PATH_VARIABLE_DEFAULT]),
    ),
    (
        "OperationRevisionEmpty",
        Coverage::Checked(&[codes::REVISION_EMPTY]),
    ),
    (
        "OperationSchemaCountExceedsMaxAllowed",
        Coverage::Checked(&[codes::OPERATION_SCHEMA_COUNT]),
    ),
    (
        "OperationShouldHaveSuccessfulResponse",
        Coverage::Checked(&[codes::OPERATION_NO_SUCCESS]),
    ),
    (
        "OperationStatusAheadOfConnector",
        Coverage::Checked(&[codes::STATUS_AHEAD_OF_CONNECTOR]),
    ),
    (
        "OperationSummaryTooLong",
        Coverage::Checked(&[codes::SUMMARY_TOO_LONG]),
    ),
    (
        "PartialDuplicateOperationPath",
        Coverage::Checked(&[codes::PARTIAL_DUPLICATE_PATH]),
    ),
    (
        "PathParameterMustBeRequired",
        Coverage::Checked(&[codes::PATH_PARAMETER_NOT_REQUIRED]),
    ),
    (
        "PathParameterNotDefinedInTemplate",
        Coverage::Checked(&[codes::PATH_PARAMETER_NOT_IN_TEMPLATE]),
    ),
    (
        "PathParametersContainDuplicateParameter",
        Coverage::Checked(&[codes::DUPLICATE_PARAMETER]),
    ),
    (
        "PathParametersContainMultipleBodyParameters",
        Coverage::Checked(&[codes::MULTIPLE_BODY]),
    ),
    (
        "PathRedefined",
        Coverage::Checked(&[codes::PATH_REDEFINED]),
    ),
    (
        "RestrictedCharactersInSummary",
        Coverage::Checked(&[codes::SUMMARY_RESTRICTED_CHARACTERS]),
    ),
    (
        "SelectedItemValuePathNotAllowedInThisPosition",
        Coverage::Checked(&[codes::SELECTED_ITEM_VALUE_PATH]),
    ),
    (
        "StringBinaryNotSupportedForFormUrlEncoded",
        Coverage::Checked(&[codes::STRING_BINARY_FORM_URLENCODED]),
    ),
    (
        "TotalOperationsCountExceedsMaxAllowed",
        Coverage::Checked(&[codes::TOO_MANY_OPERATIONS]),
    ),
    (
        "UnrecognizedTypeFormat",
        Coverage::Checked(&[codes::UNRECOGNIZED_FORMAT]),
    ),
    (
        "WebhookOperationsMissingNotificationUrlProperty",
        Coverage::Checked(&[codes::WEBHOOK_NO_NOTIFICATION_URL]),
    ),
    (
        "ArrayHasNoItems",
        Coverage::Checked(&[codes::ARRAY_NO_ITEMS]),
    ),
    (
        "RequiredPropertyArrayEmpty",
        Coverage::Checked(&[codes::REQUIRED_EMPTY]),
    ),
    (
        "SchemesArrayEmpty",
        Coverage::Checked(&[codes::SCHEMES_EMPTY]),
    ),
    (
        "CollectionFormatValueNotSupported",
        Coverage::Checked(&[codes::COLLECTION_FORMAT]),
    ),
    (
        "MimeTypeNotSupported",
        Coverage::Checked(&[codes::MIME_TYPE_UNSUPPORTED]),
    ),
    (
        "PathItemRefNotSuppored",
        Coverage::Checked(&[codes::PATH_ITEM_REF]),
    ),
    (
        "SwaggerKeywordNotSupported",
        Coverage::Checked(&[codes::KEYWORD_NOT_SUPPORTED]),
    ),
    (
        "FileParameterMustBeInFormData",
        Coverage::Checked(&[codes::FILE_NOT_IN_FORM_DATA]),
    ),
    (
        "ParameterListContainsFormDataAndBody",
        Coverage::Checked(&[codes::BODY_AND_FORM_DATA]),
    ),
    (
        "ParameterReferenceNotFound",
        Coverage::Checked(&[codes::PARAMETER_REF_NOT_FOUND]),
    ),
    (
        "ParameterReferenceNotValid",
        Coverage::Checked(&[codes::PARAMETER_REF_INVALID]),
    ),
    (
        "ParameterRefLoopNotAllowed",
        Coverage::Checked(&[codes::PARAMETER_REF_LOOP]),
    ),
    (
        "ParamtersWithSameNameMustHaveSameTypeAndVisibility",
        Coverage::Checked(&[codes::SAME_NAME_TYPE_VISIBILITY]),
    ),
    (
        "PathParameterMissingEncoding",
        Coverage::Checked(&[codes::PATH_PARAMETER_ENCODING]),
    ),
    (
        "QueryParameterEncodingNotSupported",
        Coverage::Checked(&[codes::QUERY_PARAMETER_ENCODING]),
    ),
    (
        "ReservedParameterIsUsed",
        Coverage::NotOffline("the list of reserved names per location is not published (connectionId is checked by CN187)"),
    ),
    (
        "ResponseRefLoopNotAllowed",
        Coverage::Checked(&[codes::RESPONSE_REF_LOOP]),
    ),
    (
        "SourcePropertyInternal",
        Coverage::Checked(&[codes::DYNAMIC_SOURCE_INTERNAL]),
    ),
    (
        "AdditionalPropertyNotAllowed",
        Coverage::Checked(&[codes::PROPERTY_NOT_ALLOWED]),
    ),
    (
        "AdditionalPropertyNotAllowedAdjacentToRef",
        Coverage::Checked(&[codes::REF_SIBLINGS]),
    ),
    (
        "BasePathNotValid",
        Coverage::Checked(&[codes::BASE_PATH_INVALID]),
    ),
    (
        "BodyParameterPropertyNotValid",
        Coverage::Checked(&[codes::BODY_PROPERTY_INVALID]),
    ),
    (
        "ConnectorMetadataPropertiesMissing",
        Coverage::Checked(&[codes::CERT_METADATA_PROPERTY]),
    ),
    (
        "ContactEmailNotValid",
        Coverage::Checked(&[codes::CONTACT_EMAIL]),
    ),
    (
        "DefaultValueMustMatchType",
        Coverage::Checked(&[codes::DEFAULT_TYPE]),
    ),
    (
        "EnumMustContainAtLeastOneElement",
        Coverage::Checked(&[codes::ENUM_EMPTY]),
    ),
    (
        "ExtensionNameNotValid",
        Coverage::Checked(&[codes::EXTENSION_NAME]),
    ),
    (
        "FilterFunctionsPropertyEmpty",
        Coverage::NotOffline("where filterFunctions may appear and its shape are not documented or in the schema"),
    ),
    (
        "FilterFunctionsPropertyHasDuplicates",
        Coverage::NotOffline("where filterFunctions may appear and its shape are not documented or in the schema"),
    ),
    (
        "FilterFunctionsPropertyInInputSchema",
        Coverage::NotOffline("where filterFunctions may appear and its shape are not documented or in the schema"),
    ),
    (
        "FilterFunctionsPropertyInvalidValue",
        Coverage::NotOffline("the supported values are not published"),
    ),
    (
        "HostNameNotValid",
        Coverage::Checked(&[codes::HOST_INVALID]),
    ),
    (
        "InternalPropertyWithDefaultOptional",
        Coverage::Checked(&[codes::INTERNAL_OPTIONAL_DEFAULT]),
    ),
    (
        "InvalidConnectorCategory",
        Coverage::Checked(&[codes::CERT_CATEGORY_INVALID]),
    ),
    (
        "InvalidStringBinaryProperty",
        Coverage::Checked(&[codes::STRING_BINARY_NESTED]),
    ),
    (
        "JsonTypeIncorrect",
        Coverage::Checked(&[codes::JSON_TYPE]),
    ),
    (
        "JsonValueNotInEnum",
        Coverage::Checked(&[codes::VALUE_NOT_IN_ENUM, codes::EXTENSION_VALUE]),
    ),
    (
        "MimeTypeNotValid",
        Coverage::Checked(&[codes::MIME_TYPE_INVALID]),
    ),
    (
        "MissingEnumValuesDisplayName",
        Coverage::Checked(&[codes::ENUM_VALUES_DISPLAY_NAME]),
    ),
    (
        "MultipleOfMustBeGreaterThanZero",
        Coverage::Checked(&[codes::MULTIPLE_OF]),
    ),
    (
        "OneOfPropertiesRequired",
        Coverage::Checked(&[codes::DYNAMIC_SOURCE_MISSING]),
    ),
    (
        "ProductionStatusOnBetaService",
        Coverage::NotOffline("needs the service's release status, which only the platform knows"),
    ),
    (
        "PropertyMustBeRequired",
        Coverage::Checked(&[codes::INTERNAL_PROPERTY_NOT_REQUIRED]),
    ),
    (
        "RequiredPropertyDefinitionMissing",
        Coverage::Checked(&[codes::REQUIRED_NOT_DEFINED]),
    ),
    (
        "RequiredPropertyMissing",
        Coverage::Checked(&[codes::REQUIRED_PROPERTY, codes::CERT_REQUIRED, codes::CERT_DETAIL_MISSING]),
    ),
    (
        "RequiredPropertyNotOnObject",
        Coverage::Checked(&[codes::REQUIRED_NOT_ON_OBJECT]),
    ),
    (
        "RequiredReadOnlyPropertyNotAllowedAsInput",
        Coverage::Checked(&[codes::REQUIRED_READONLY_INPUT]),
    ),
    (
        "SchemeNotValid",
        Coverage::Checked(&[codes::SCHEME_INVALID]),
    ),
    (
        "SecuritySchemePropertyNotValid",
        Coverage::Checked(&[codes::SECURITY_PROPERTY_INVALID]),
    ),
    (
        "SecuritySchemePropertyRequired",
        Coverage::Checked(&[codes::SECURITY_PROPERTY_REQUIRED]),
    ),
    (
        "SpecificationVersionIncorrect",
        Coverage::Checked(&[codes::SWAGGER_VERSION]),
    ),
    (
        "TagRedefined",
        Coverage::Checked(&[codes::TAG_REDEFINED]),
    ),
    (
        "TooManyConnectorCategories",
        Coverage::Checked(&[codes::CERT_TOO_MANY_CATEGORIES]),
    ),
    (
        "UrlNotValid",
        Coverage::Checked(&[codes::URL_INVALID]),
    ),
    (
        "BodyParameterSchemaRequired",
        Coverage::Checked(&[codes::BODY_SCHEMA_REQUIRED]),
    ),
    (
        "BodySchemaCountExceedsMaxAllowed",
        Coverage::Checked(&[codes::BODY_SCHEMA_COUNT]),
    ),
    (
        "DefaultResponseHasSchema",
        Coverage::Checked(&[codes::DEFAULT_RESPONSE_SCHEMA]),
    ),
    (
        "InvalidCustomEditorExtensionDictionaryValue",
        Coverage::Checked(&[codes::EDITOR_DICTIONARY]),
    ),
    (
        "JsonPointerNotValid",
        Coverage::Checked(&[codes::JSON_POINTER_INVALID]),
    ),
    (
        "NonBodyParameterSchemaNotValid",
        Coverage::Checked(&[codes::NON_BODY_SCHEMA]),
    ),
    (
        "RequiredLoopInSchemaNotAllowed",
        Coverage::Checked(&[codes::REQUIRED_LOOP]),
    ),
    (
        "ResponseExampleMustBeProducedByOperation",
        Coverage::Checked(&[codes::RESPONSE_EXAMPLE_MIME]),
    ),
    (
        "ResponseHeadersAreNotUnique",
        Coverage::Checked(&[codes::RESPONSE_HEADERS_NOT_UNIQUE]),
    ),
    (
        "ResponseMustBeDefaultOrHttpStatusCode",
        Coverage::Checked(&[codes::RESPONSE_CODE_INVALID]),
    ),
    (
        "ResponseReferenceNotFound",
        Coverage::Checked(&[codes::RESPONSE_REF_NOT_FOUND]),
    ),
    (
        "ResponseReferenceNotValid",
        Coverage::Checked(&[codes::RESPONSE_REF_INVALID]),
    ),
    (
        "SchemaDefinitionSetIncorrectly",
        Coverage::Checked(&[codes::WEBHOOK_NO_SCHEMA]),
    ),
    (
        "SchemaReferenceNotFound",
        Coverage::Checked(&[codes::SCHEMA_REF_NOT_FOUND]),
    ),
    (
        "SchemaReferenceNotValid",
        Coverage::Checked(&[codes::SCHEMA_REF_INVALID]),
    ),
    (
        "SchemaRefLoopNotAllowed",
        Coverage::Checked(&[codes::SCHEMA_REF_LOOP]),
    ),
    (
        "SchemaTooDeep",
        Coverage::NotOffline("the depth limit is not published (the message carries a placeholder)"),
    ),
    (
        "SchemaTypeFileNotValid",
        Coverage::Checked(&[codes::TYPE_FILE]),
    ),
    (
        "SchemeNotSupported",
        Coverage::Checked(&[codes::SCHEME_WEBSOCKET]),
    ),
    (
        "TotalSchemaCountExceedsMaxAllowed",
        Coverage::Checked(&[codes::TOTAL_SCHEMA_COUNT]),
    ),
    (
        "OAuthSecurityRequirementValueMustBeScopeName",
        Coverage::Checked(&[codes::SECURITY_SCOPE_UNDEFINED]),
    ),
    (
        "SecurityRequirementMustBeDefined",
        Coverage::Checked(&[codes::SECURITY_REQUIREMENT_UNDEFINED]),
    ),
    (
        "SecurityRequirementMustHaveEmptyValue",
        Coverage::Checked(&[codes::SECURITY_REQUIREMENT_SCOPES]),
    ),
    (
        "SecurityRequirementMustHaveValue",
        Coverage::Checked(&[codes::SECURITY_REQUIREMENT_VALUE]),
    ),
    (
        "NotificationUrlNotAllowedInThisPosition",
        Coverage::Checked(&[codes::NOTIFICATION_URL_POSITION]),
    ),
    (
        "NotificationUrlNotInternal",
        Coverage::Checked(&[codes::NOTIFICATION_URL_NOT_INTERNAL]),
    ),
    (
        "NotificationUrlNotRequired",
        Coverage::Checked(&[codes::NOTIFICATION_URL_NOT_REQUIRED]),
    ),
    (
        "NotificationUrlNotString",
        Coverage::Checked(&[codes::NOTIFICATION_URL_NOT_STRING]),
    ),
    (
        "AllowEmptyValueOnlyValidForQueryFormData",
        Coverage::Checked(&[codes::ALLOW_EMPTY_VALUE]),
    ),
    (
        "DiscriminatorMustBeARequiredStringProperty",
        Coverage::Checked(&[codes::DISCRIMINATOR]),
    ),
    (
        "ExclusiveMaximumRequiresMaximum",
        Coverage::Checked(&[codes::EXCLUSIVE_MAXIMUM]),
    ),
    (
        "ExclusiveMinimumRequiresMinimum",
        Coverage::Checked(&[codes::EXCLUSIVE_MINIMUM]),
    ),
    (
        "FieldLengthExceeded",
        Coverage::Checked(&[codes::CERT_TITLE_LENGTH]),
    ),
    (
        "FieldLengthNotInRange",
        Coverage::Checked(&[codes::CERT_DESCRIPTION_LENGTH]),
    ),
    (
        "MaxItemsMustBeGreaterThanOrEqualToZero",
        Coverage::Checked(&[codes::NEGATIVE_BOUND]),
    ),
    (
        "MaxLengthMustBeGreaterThanOrEqualToZero",
        Coverage::Checked(&[codes::NEGATIVE_BOUND]),
    ),
    (
        "MaxPropertiesMustBeGreaterThanOrEqualToZero",
        Coverage::Checked(&[codes::NEGATIVE_BOUND]),
    ),
    (
        "MinimumShouldBeLessThanOrEqualToMaximum",
        Coverage::Checked(&[codes::MIN_ABOVE_MAX]),
    ),
    (
        "MinItemsMustBeGreaterThanOrEqualToZero",
        Coverage::Checked(&[codes::NEGATIVE_BOUND]),
    ),
    (
        "MinItemsShouldBeLessThanOrEqualToMaxItems",
        Coverage::Checked(&[codes::MIN_ABOVE_MAX]),
    ),
    (
        "MinLengthMustBeGreaterThanOrEqualToZero",
        Coverage::Checked(&[codes::NEGATIVE_BOUND]),
    ),
    (
        "MinLengthShouldBeLessThanOrEqualToMaxLength",
        Coverage::Checked(&[codes::MIN_ABOVE_MAX]),
    ),
    (
        "MinPropertiesMustBeGreaterThanOrEqualToZero",
        Coverage::Checked(&[codes::NEGATIVE_BOUND]),
    ),
    (
        "PatternShouldBeValidRegularExpression",
        Coverage::Checked(&[codes::PATTERN_INVALID]),
    ),
    (
        "RequiredValueEmpty",
        Coverage::Checked(&[codes::REQUIRED_VALUE_EMPTY]),
    ),
    (
        "ValueContainsRestrictedWords",
        Coverage::Checked(&[codes::CERT_TITLE_RESTRICTED_WORDS, codes::CERT_DESCRIPTION_RESTRICTED_WORDS]),
    ),
    (
        "ValueMustBeInEnglish",
        Coverage::NotOffline("deciding the language of a text needs language detection, which is not reliable offline on short titles"),
    ),
    (
        "ValueMustEndWithAlphanumeric",
        Coverage::Checked(&[codes::CERT_TITLE_END]),
    ),];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_rule_in_order() {
        let ids: Vec<&str> = rules().iter().map(|r| r.code.id()).collect();
        let all: Vec<&str> = codes::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids, all);
    }

    #[test]
    fn every_checked_validator_rule_names_known_codes() {
        for (id, coverage) in swagger_validator_rules() {
            if let Coverage::Checked(list) = coverage {
                assert!(!list.is_empty(), "{id}");
                assert!(list.iter().all(|c| codes::ALL.contains(c)), "{id}");
            }
        }
    }
}
