/**
 * Generated from an OpenAPI document by apib-to-openapi with openapi-typescript.
 * Do not edit by hand: regenerate instead.
 */

export interface paths {
    "/oauth/accesstoken": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get access token
         * @description Exchanges the API key and client secret for an access token.
         *
         *     Send HTTP Basic credentials built from the key and the secret: `Authorization: Basic <base64 of "apikey:client-secret">`. The body is a form with the single field `grant_type=client_credentials` (the published example misspells it `cient_credentials`).
         *
         *     The answer echoes the client id and gives the token. Every number in it (`issued_at` in milliseconds since the Unix epoch, `expires_in` in seconds) is sent as a JSON string. The token is good for one hour and cannot be refreshed; request a new one when it expires, and send it as `Authorization: Bearer <access_token>` on the other calls.
         *
         *     Polling: No.
         */
        post: operations["getAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve event details
         * @description Returns the event with its ticket types and pricing.
         *
         *     Check `api_transactable` first. Only events where it is `true` can go through captcha, cart and payment on this API. For any other event, send the user to the Ticketmaster mobile-web page of the event instead (later editions of the documentation give `https://www.ticketmaster.com/event/{event_id}`).
         *
         *     `venue.location.time_zone` tells in which time zone the nightly maintenance hour (2–3 AM local time) falls for this event.
         *
         *     Send `Authorization: Bearer` whenever an access token is in use, as the published curl example does; the key alone is enough otherwise (see the request with a token below).
         *
         *     Polling: No.
         */
        get: operations["retrieveEventDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/captcha": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get captcha page
         * @description Returns an HTML page meant for a web view. It loads Google's NoCaptcha reCAPTCHA widget; once the user solves it, the page's callback navigates to `ticketmaster-g-recaptcha-response://` followed by the solution token. The app watches the web view's navigations, takes the token from that URL and posts it to `POST /cart`.
         *
         *     The reCAPTCHA site key is also returned in the `X-TM-CAPTCHA-V2-SITEKEY` response header, for apps that render the widget themselves.
         *
         *     Polling: No.
         */
        get: operations["getCaptchaPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Purchase cart
         * @description Commits the transaction: the reserved tickets are bought with the payment added through `PUT /cart/payment`.
         *
         *     `source_account_id` is any stable, unique identifier of the user on the partner's side, for example a hash of the member id. It is required: Ticketmaster uses it to track bounced redemption emails, and it comes back as `order_source_account_id` in the unredeemed-orders report.
         *
         *     The result gives the `redemption_url` (web), the `tm_app_url` (Ticketmaster app deep link), the `grand_total` charged and the `order_token` that identifies the order. (The payment section of the published documentation speaks of an "order number"; what this call actually returns is the `order_token`.)
         *
         *     Polling: Yes. Send `X-TM-FORCE-POLLING: true` to test the `202` path. If the app gives up polling, delete the cart.
         */
        put: operations["purchaseCart"];
        /**
         * Post captcha solution
         * @description Sends the token obtained from the captcha page and opens a cart session. The returned `cart_id` identifies the session in every later cart, certificate, payment and polling call.
         *
         *     This call carries no event id, so the "not transactable" check (error `90001`) happens at reserve time, not here.
         *
         *     Polling: No.
         */
        post: operations["postCaptchaSolution"];
        /**
         * Delete cart
         * @description Deletes the cart and releases what it holds.
         *
         *     Each partner can only have a limited amount of reservation resources in use at the same time. When a user abandons the purchase, or the app stops waiting on a polling sequence, delete the cart so the resources can be reused; partners that leave carts behind see more polling. A cart that was purchased needs no deletion.
         *
         *     Polling: Yes. Send `X-TM-FORCE-POLLING: true` to test the `202` path.
         */
        delete: operations["deleteCart"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cart/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Reserve tickets
         * @description Reserves tickets for one event in the session's cart and returns the cart.
         *
         *     Each entry of `event.tickets` names a ticket type from the event details and a quantity. Several entries can be sent together where the event allows it, for example adult and child tickets in one reserve. Adding `price.id` reserves the best available seats within that price level; listing `event.areas` reserves the best available seats within those areas (both ids come from the event details). Keep the leading zeros of ticket type ids: they are strings.
         *
         *     The cart answer tells how long the seats are held (`cart.hold_time`, in seconds) and what they cost.
         *
         *     The event must be sellable through the API (`api_transactable`); otherwise the call fails with `403` and error `90001`, and the user should be sent to the Ticketmaster event page.
         *
         *     Polling: Yes. While a reserve is in polling it keeps running on the ticketing server; call `DELETE /cart` if the app stops waiting.
         */
        put: operations["reserveTickets"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get encryption certificate
         * @description Returns the certificate (`value`, PEM text) and its identifier (`id`). Use `value` as the RSA public key when encrypting the card number and the security code, and send `id` as `payment.card.encryption_key` in `PUT /cart/payment`.
         *
         *     A certificate stays valid for 24 hours, so it can be cached for that long. Later editions of the documentation add that invoice payments need no certificate.
         *
         *     Polling: No.
         */
        get: operations["getEncryptionCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cart/payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add payment
         * @description Attaches the buyer's billing details and means of payment to the cart. The next step is `PUT /cart`, which places the order.
         *
         *     Two payment types exist. `CC` (credit card) needs `amount` and a complete `card`; `INVOICE` needs `reference`, the partner's numeric reference for the invoice transaction.
         *
         *     **Encrypting card data.** `card.number` and `card.cin` (the security code) are sent encrypted:
         *
         *     1. Get the certificate with `GET /certificate`; it is valid for 24 hours. Put its `id` in `card.encryption_key`.
         *
         *     2. Salt the clear value: put 16 random printable ASCII characters in front of it. Non-printable bytes break decryption. Later editions of the documentation narrow the safe set to letters and digits (`a-z`, `A-Z`, `0-9`), so use those.
         *
         *     3. Encrypt the salted value with RSA and PKCS#1 v1.5 padding, using the certificate's public key.
         *
         *     4. Base64-encode the ciphertext. The resulting text is the field value.
         *
         *     The published Java sample does this with the standard library: it strips the PEM armour and whitespace from the certificate text, re-wraps the base64 at 64 characters between fresh `BEGIN`/`END CERTIFICATE` lines, loads it with an X.509 `CertificateFactory`, encrypts with `Cipher.getInstance("RSA")` (whose default is PKCS#1 v1.5 padding) and prints the result in base64.
         *
         *     **Sandbox test card.** In the sandbox use card number `4588883206000011`, security code `123`, expiry 12/2020, encrypted like a real card.
         *
         *     **Address.** `country.id` takes a value of `Country id`; `region.abbrev` takes the state or province abbreviation (for example `CA`). The published example says to use `36` for Canada, but its own appendix lists `124` for Canada and `36` for Australia; this specification follows the appendix.
         *
         *     The purchase walkthrough of the published documentation leaves out `email_address`; the payment model marks it required, and so does this specification.
         *
         *     Polling: No.
         */
        put: operations["addPayment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/unredeemed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List unredeemed orders
         * @description Lists the orders of the given period whose tickets are still unredeemed. The usual causes are a wrong email address or a redemption email that ended up as spam (`email_status`); the app can then remind the user through its own notification channels.
         *
         *     At least one of `days_from_purchase` and `days_before_event` must be sent; the published documentation does not say how the two combine when both are present.
         *
         *     Access requires that Ticketmaster whitelists the caller's IP address; contact Ticketmaster to arrange it.
         *
         *     Polling: not stated in the documentation.
         */
        get: operations["listUnredeemedOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/polling/{poll_path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Poll
         * @description Asks whether a queued operation has finished.
         *
         *     - `202`: not finished yet; the body is another polling response.
         *
         *     - Anything else: the answer of the original operation, with the status and body that operation returns: `200` with a `Cart response` for a reserve, `200` with a `Purchase result` for a purchase, `204` without a body for a cart deletion, or one of that operation's errors. Later editions of the documentation show the final answer of a polling sequence with status `200`; the `204` for a polled deletion is inferred from the deletion's own status.
         */
        get: operations["poll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An issued application access token. The published example sends every value, numbers included, as a JSON string. */
        AccessToken: {
            /**
             * @description Issue time in milliseconds since the Unix epoch, as a string.
             * @example 1448168101229
             */
            issued_at: string;
            /** @description Granted scope; empty in the published example. */
            scope: string;
            /**
             * @description Approval status of the client.
             * @example approved
             */
            status: string;
            /**
             * @description Seconds until the token expires, as a string. Tokens last one hour and cannot be refreshed.
             * @example 3599
             */
            expires_in: string;
            /**
             * @description Always `BearerToken`: send the token as `Authorization: Bearer <access_token>`.
             * @constant
             */
            token_type: "BearerToken";
            /**
             * @description The API key the token was issued to.
             * @example GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne
             */
            client_id: string;
            /**
             * @description The token itself.
             * @example tW0tqWjB74Q4KQMOSEwbMhOhvADf
             */
            access_token: string;
        };
        /** @description Form fields of `POST /oauth/accesstoken`, sent as `application/x-www-form-urlencoded`. */
        AccessTokenRequest: {
            /**
             * @description OAuth grant type. Always `client_credentials`.
             * @constant
             */
            grant_type: "client_credentials";
        };
        /** @description An area to reserve from. */
        AreaSelection: {
            /**
             * @description Area id from the event details.
             * @example 2
             */
            id: number;
        };
        /** @description A performer of the event. */
        Artist: {
            /**
             * @description Artist id.
             * @example 916285
             */
            id: number;
            /**
             * @description Artist name.
             * @example Seattle Sounders FC
             */
            name: string;
            /**
             * @description Billing position, starting at 1.
             * @example 1
             */
            rank: number;
            /**
             * @description Whether the artist is a single performer or band.
             * @example false
             */
            single_performer_or_band: boolean;
        };
        /** @description Billing address of the buyer. */
        BillingAddress: {
            /**
             * @description First address line.
             * @example 123 Main Street
             */
            line1: string;
            /** @description Second address line. The member must be present but may be an empty string. */
            line2: string;
            /**
             * @description Apartment or unit.
             * @example 1h
             */
            unit?: string;
            /**
             * @description City.
             * @example Los Angeles
             */
            city: string;
            /** @description Country. */
            country: components["schemas"]["CountryReference"];
            /** @description State or province abbreviation, e.g. `CA`. */
            region: components["schemas"]["PlaceAbbreviation"];
            /**
             * @description Postal code.
             * @example 90210
             */
            postal_code: string;
        };
        /** @description Body of `POST /cart`. */
        CaptchaSolution: {
            /**
             * @description Token taken from the `ticketmaster-g-recaptcha-response://` navigation of the captcha page.
             * @example 2822b0737710e549a2f74c1e65be19b9
             */
            token: string;
        };
        /** @description Content and totals of a cart. */
        Cart: {
            /**
             * @description Seconds for which the seats stay held. Later editions of the documentation note that the value can grow as the user moves through the purchase.
             * @example 299
             */
            hold_time: number;
            /** @description Reserved seats, one entry per seat block. */
            items: components["schemas"]["CartItem"][];
            /** @description Totals of the whole cart. */
            totals: components["schemas"]["CartTotals"];
        };
        /** @description A block of reserved seats. */
        CartItem: {
            /**
             * @description Last seat of the block.
             * @example 7
             */
            end_seat_number: string;
            /**
             * @description Event id.
             * @example 3F004CBB88958BF9
             */
            event_id: string;
            /**
             * @description Number of seats.
             * @example 1
             */
            num_seats: number;
            /**
             * @description Row.
             * @example I
             */
            row: string;
            /**
             * @description Section.
             * @example CLB234
             */
            section: string;
            /**
             * @description First seat of the block.
             * @example 7
             */
            start_seat_number: string;
            /** @description Tickets in the block, by ticket type. */
            tickets: components["schemas"]["CartTicket"][];
            /** @description Totals of the block. */
            totals: components["schemas"]["ItemTotals"];
        };
        /** @description A cart session and its content. */
        CartResponse: {
            /**
             * @description Id of the cart session.
             * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
             */
            cart_id: string;
            /** @description The cart. */
            cart: components["schemas"]["Cart"];
        };
        /** @description A newly opened cart session. */
        CartSession: {
            /**
             * @description Id of the session, needed by every later cart call. URL-encode it when it goes into a query string.
             * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
             */
            cart_id: string;
        };
        /** @description Tickets of one type in a block, with their charges. */
        CartTicket: {
            /** @description Charges per ticket. */
            charges: components["schemas"]["Charge"][];
            /**
             * @description Name of the ticket type.
             * @example GPAS1
             */
            description: string;
            /**
             * @description Ticket type id.
             * @example 000002040006
             */
            id: string;
            /**
             * @description Number of tickets.
             * @example 1
             */
            quantity: number;
        };
        /** @description Totals of a cart. */
        CartTotals: {
            /**
             * @description Delivery charges.
             * @example 0
             */
            delivery: number;
            /**
             * @description Fees.
             * @example 0
             */
            fee: number;
            /**
             * @description Grand total.
             * @example 25
             */
            grand: number;
            /**
             * @description Ticket value.
             * @example 25
             */
            merchandise: number;
            /**
             * @description Tax.
             * @example 0
             */
            tax: number;
            /**
             * @description Amount not yet covered by a payment.
             * @example 25
             */
            unpaid: number;
            /**
             * @description Add-on sales.
             * @example 0
             */
            upsell: number;
        };
        /** @description Public certificate for encrypting card data. Valid for 24 hours. */
        Certificate: {
            /**
             * @description Certificate id; send it as `payment.card.encryption_key`.
             * @example paysys-dev.0.us.3
             */
            id: string;
            /** @description The X.509 certificate as PEM text, lines separated by `\r\n`. Its public key encrypts the card number and the security code. */
            value: string;
        };
        /** @description One charge of a ticket. */
        Charge: {
            /**
             * @description Unit price.
             * @example 25
             */
            price: number;
            /**
             * @description Quantity.
             * @example 1
             */
            quantity: number;
            /**
             * @description Tax.
             * @example 0
             */
            tax: number;
            /**
             * @description Kind of charge; the examples show `distance`, `face_value`, `facility` and `service`.
             * @example face_value
             */
            type: string;
        };
        /**
         * @description Numeric country ids accepted in billing addresses (they are the ISO 3166-1 numeric codes). The published payment example says to use `36` for Canada, which contradicts the published table; the table, and therefore this type, gives `124` for Canada and `36` for Australia.
         *
         *     - `840`: United States of America
         *     - `124`: Canada
         *     - `36`: Australia
         *     - `484`: Mexico
         *     - `554`: New Zealand
         * @enum {number}
         */
        CountryId: 840 | 124 | 36 | 484 | 554;
        /** @description A country given by its numeric id. */
        CountryReference: {
            /**
             * @description Country id, e.g. `840` for the United States.
             * @example 840
             */
            id: components["schemas"]["CountryId"];
        };
        /** @description A date or time together with the name of its format. */
        DatedValue: {
            /**
             * @description Format of `value`; `datetime` is an ISO 8601 UTC date-time.
             * @example datetime
             */
            format: string;
            /**
             * @description The date or time.
             * @example 2015-08-21T02:00:00Z
             */
            value: string;
        };
        /** @description Credit card details. The number and the security code are encrypted: 16 random printable ASCII characters (letters and digits are safe) are put in front of the clear value, the result is encrypted with RSA and PKCS#1 v1.5 padding using the certificate from `GET /certificate`, and the ciphertext is base64-encoded. */
        EncryptedCard: {
            /**
             * @description Encrypted card number, base64.
             * @example qvaEc5EX2bt5pt5DiTQR4J6iYZKxsujQPdw7LXCAnbeb8cD/CiXoB1V/pG2GAHBcHS/IdIMskFg=
             */
            number: string;
            /**
             * @description Encrypted card security code (CVV), base64.
             * @example BYdEgXIxwz6bXG6OVQRKwj0wc9KE510eXRpwoEoTrd9t9i7=
             */
            cin: string;
            /**
             * @description `id` of the certificate used for the encryption.
             * @example paysys-dev.0.us.3
             */
            encryption_key: string;
            /**
             * @description Expiry month, 1 to 12.
             * @example 12
             */
            expire_month: number;
            /**
             * @description Expiry year, four digits.
             * @example 2020
             */
            expire_year: number;
            /**
             * @description Postal code of the card's billing address.
             * @example 90210
             */
            postal_code: string;
        };
        /** @description Error envelope of the API. */
        Error: {
            /** @description What went wrong. */
            error: components["schemas"]["ErrorDetail"];
        };
        /** @description Content of the error envelope. */
        ErrorDetail: {
            /**
             * @description Human-readable message.
             * @example Invalid input data type
             */
            message: string;
            /**
             * @description Error code; quote it when contacting Ticketmaster.
             * @example 10002
             */
            code: number;
            /**
             * @description HTTP status of the response. Missing from some errors, e.g. `20052`.
             * @example 400
             */
            http_code?: number;
            /**
             * @description Severity. Missing from some errors, e.g. `20052`.
             * @example ERROR
             */
            severity?: string;
        };
        /** @description An event with its ticket types, prices, dates and venue. */
        Event: {
            /** @description Ticket types on sale. */
            tickets: components["schemas"]["TicketType"][];
            /** @description Performers, in billing order. */
            artists: components["schemas"]["Artist"][];
            /**
             * @description Currency of every price of the event.
             * @example USD
             */
            currency_code: string;
            /** @description Image to display for the event. */
            event_image: components["schemas"]["EventImage"];
            /** @description Start of the event. */
            eventdate: components["schemas"]["DatedValue"];
            /**
             * @description Whether the facility fee is rolled into displayed prices.
             * @example true
             */
            facility_fee_rollup: boolean;
            /**
             * @description Event id.
             * @example 3F004CBB88958BF9
             */
            id: string;
            /**
             * @description Event name.
             * @example Seattle Sounders FC vs. San Jose Earthquakes
             */
            name: string;
            /** @description Notes to show to buyers. */
            notes: components["schemas"]["EventNote"][];
            /** @description End of public sales. */
            offsale: components["schemas"]["DatedValue"];
            /** @description Start of public sales. */
            onsale: components["schemas"]["DatedValue"];
            /** @description Presale periods. */
            presales: components["schemas"]["Presale"][];
            /** @description Lowest and highest price of the event. */
            price_range: components["schemas"]["PriceRange"];
            /** @description Promoter of the event. */
            promoter: components["schemas"]["Promoter"];
            /** @description When the event was published. */
            publication: components["schemas"]["DatedValue"];
            /**
             * @description Organisation that sells the tickets.
             * @example TM
             */
            purchase_organization: string;
            /** @description Event-wide quantity rules. */
            quantities: components["schemas"]["EventQuantities"];
            /**
             * @description Whether the service fee is rolled into displayed prices.
             * @example false
             */
            service_fee_rollup: boolean;
            /** @description Status history of the event. */
            statuses: components["schemas"]["EventStatus"][];
            /** @description Kind of event. */
            type: components["schemas"]["EventType"];
            /**
             * @description Page of the event on ticketmaster.com.
             * @example http://ticketmaster.com/event/3F004CBB88958BF9
             */
            url: string;
            /** @description Where the event takes place. */
            venue: components["schemas"]["Venue"];
        };
        /** @description Answer of `GET /event/{event_id}`. */
        EventDetails: {
            /**
             * @description `true` when the event can be sold through this API. When `false`, send the user to the Ticketmaster mobile-web page of the event; reserve calls fail with error `90001`.
             * @example true
             */
            api_transactable: boolean;
            /** @description The event. */
            event: components["schemas"]["Event"];
        };
        /** @description An image of the event. */
        EventImage: {
            /**
             * @description Height in pixels.
             * @example 115
             */
            height: number;
            /**
             * @description URL of the image.
             * @example http://share.livenation.com/images/default_image.jpg
             */
            location: string;
            /**
             * @description Width in pixels.
             * @example 205
             */
            width: number;
        };
        /** @description A note to show to buyers. */
        EventNote: {
            /**
             * @description Text of the note.
             * @example There is a 10 ticket limit per household.
             */
            text: string;
            /**
             * @description Kind of note.
             * @example ticketlimittext
             */
            type: string;
        };
        /** @description Event-wide quantity rules. */
        EventQuantities: {
            /**
             * @description Maximum number of tickets per order for the whole event.
             * @example 10
             */
            limit: number;
        };
        /** @description A status of the event and when it took effect. */
        EventStatus: {
            /**
             * @description Status.
             * @example onsale
             */
            type: string;
            /**
             * @description When the status took effect (ISO 8601, UTC).
             * @example 2014-06-25T01:56:29Z
             */
            value: string;
        };
        /** @description The kind of event. */
        EventType: {
            /**
             * @description Event type id.
             * @example 0
             */
            id: number;
        };
        /** @description Fault envelope of the API gateway, returned with status `401` when the API key or the access token is refused. */
        Fault: {
            /** @description The fault. */
            fault: {
                /**
                 * @description Human-readable reason.
                 * @example Invalid ApiKey
                 */
                faultstring: string;
                /** @description Details. */
                detail: {
                    /**
                     * @description Gateway error code: `oauth.v2.InvalidApiKey` for a missing or unknown API key, `oauth.v2.InvalidAccessToken` for an expired or unknown access token.
                     * @example oauth.v2.InvalidApiKey
                     */
                    errorcode: string;
                };
            };
        };
        /** @description Totals of a block of seats. */
        ItemTotals: {
            /**
             * @description Currency.
             * @example USD
             */
            currency_code: string;
            /**
             * @description Fees.
             * @example 0
             */
            fee: number;
            /**
             * @description Grand total.
             * @example 25
             */
            grand: number;
            /**
             * @description Ticket value.
             * @example 25
             */
            merchandise: number;
            /**
             * @description Tax.
             * @example 0
             */
            tax: number;
        };
        /** @description A market (metropolitan area) a venue belongs to. */
        Market: {
            /**
             * @description Market id.
             * @example 42
             */
            id: number;
            /**
             * @description Market name.
             * @example Greater Seattle Area
             */
            name: string;
        };
        /** @description An amount of money in a currency. */
        Money: {
            /**
             * @description Amount.
             * @example 25
             */
            amount: number;
            /**
             * @description ISO 4217 currency code.
             * @example USD
             */
            currency: string;
        };
        /** @description Billing details and means of payment. */
        Payment: {
            /**
             * @description First name of the buyer.
             * @example John
             */
            first_name: string;
            /**
             * @description Last name of the buyer.
             * @example Doe
             */
            last_name: string;
            /**
             * @description Phone number of the buyer.
             * @example 212-867-5309
             */
            home_phone: string;
            /**
             * @description Payment type.
             *
             *     - `"CC"`: Credit card: `amount` and `card` are required.
             *     - `"INVOICE"`: Invoice: `reference` is required.
             * @example CC
             * @enum {string}
             */
            type: "CC" | "INVOICE";
            /**
             * @description Partner's numeric reference for the invoice transaction, as a string. Required when `type` is `INVOICE`, ignored otherwise.
             * @example 15278303
             */
            reference?: string;
            /**
             * @description Email address of the buyer; the redemption email goes there.
             * @example john.doe@ticketmaster.com
             */
            email_address: string;
            /** @description Billing address. */
            address: components["schemas"]["BillingAddress"];
            /**
             * @description Amount to charge, as a decimal string. Required when `type` is `CC`.
             * @example 69.00
             */
            amount?: string;
            /** @description Card details. Required, with all its members, when `type` is `CC`. */
            card?: components["schemas"]["EncryptedCard"];
        };
        /** @description Body of `PUT /cart/payment`. */
        PaymentRequest: {
            /**
             * @description Id of the cart session.
             * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
             */
            cart_id: string;
            /** @description Billing details and means of payment. */
            payment: components["schemas"]["Payment"];
        };
        /** @description Answer of `PUT /cart/payment`. */
        PaymentResult: {
            /** @description The cart after the payment was added. */
            cart: components["schemas"]["Cart"];
        };
        /** @description A country, state or province given by its abbreviation. */
        PlaceAbbreviation: {
            /**
             * @description Abbreviation, e.g. `US` for a country or `CA` for a state.
             * @example US
             */
            abbrev: string;
        };
        /** @description Answer with status `202` of an operation that is queued. */
        PollingResponse: {
            /**
             * @description URL to `GET` next. Use it verbatim.
             * @example https://app.ticketmaster.com/partners/v1/polling/cart-tickets-PUT-00000001080E06000000006BB7C4A8C0?apikey=GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne&cart_id=bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo%3D
             */
            polling_url: string;
            /**
             * @description Seconds to wait before calling `polling_url`.
             * @example 4
             */
            wait: number;
        };
        /** @description A presale period. */
        Presale: {
            /**
             * @description Always `daterange`.
             * @constant
             */
            format: "daterange";
            /**
             * @description Name of the presale.
             * @example Internet Presale
             */
            label: string;
            /**
             * @description Start and end as an ISO 8601 interval (`start/end`, UTC).
             * @example 2014-06-20T23:55:00Z/2014-07-31T03:00:00Z
             */
            value: string;
        };
        /** @description One end of a price range. */
        PriceBound: {
            /**
             * @description Price to display.
             * @example 25
             */
            display_amount: number;
            /**
             * @description Face value.
             * @example 25
             */
            face_value: number;
            /**
             * @description Fees.
             * @example 0
             */
            fees: number;
        };
        /** @description One component of a price. */
        PriceDetail: {
            /** @description Value of the component. */
            amount: components["schemas"]["Money"];
            /**
             * @description Kind of component, e.g. `face_value`.
             * @example face_value
             */
            type: string;
        };
        /** @description Lowest and highest price of an event. */
        PriceRange: {
            /**
             * @description Caption for the range.
             * @example Prices subject to change
             */
            description: string;
            /** @description Highest price. */
            max: components["schemas"]["PriceBound"];
            /** @description Lowest price. */
            min: components["schemas"]["PriceBound"];
        };
        /** @description A price level to reserve from. */
        PriceSelection: {
            /**
             * @description Price level id from the event details.
             * @example 3
             */
            id: number;
            /**
             * @description Price to pay.
             * @example 25
             */
            amount?: number;
        };
        /** @description The promoter of an event. */
        Promoter: {
            /**
             * @description Promoter id.
             * @example 494
             */
            id: number;
            /**
             * @description Promoter name.
             * @example PROMOTED BY VENUE
             */
            name: string;
        };
        /** @description Body of `PUT /cart`. */
        PurchaseRequest: {
            /**
             * @description Id of the cart session.
             * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
             */
            cart_id: string;
            /**
             * @description Partner's unique identifier of the user, e.g. a hash of the member id. Used to track bounced redemption emails and to match orders in the unredeemed-orders report.
             * @example 30f86cd70ac7216bc596aa2d060a7064
             */
            source_account_id: string;
        };
        /** @description A placed order. */
        PurchaseResult: {
            /**
             * @description Web page where the buyer redeems the tickets.
             * @example https://myorder.ticketmaster.com/redeem?token=28a67e13-7233-45a5lsGPQy0MZ3J7ZOQRjcW52NHhG083D
             */
            redemption_url: string;
            /**
             * @description Link that opens the redemption in the Ticketmaster app.
             * @example ticketmaster:///partners/redeem?token=28a67e13-7233-45a5lsGPQy0MZ3J7ZOQRjcW52NHhG083D
             */
            tm_app_url: string;
            /**
             * @description Total charged.
             * @example 57.39
             */
            grand_total: number;
            /**
             * @description Unique token of the order.
             * @example 28a67e13-7233-45a5lsGPQy0MZ3J7ZOQRjcW52NHhG083D
             */
            order_token: string;
        };
        /** @description The event and tickets to reserve. */
        ReserveEvent: {
            /**
             * @description Event id.
             * @example 0B004ED9FC825ACB
             */
            id: string;
            /** @description Ticket types and quantities. Several entries may be sent together, e.g. adult and child tickets. */
            tickets: components["schemas"]["TicketSelection"][];
            /** @description Areas from the event details; the best available seats within them are reserved. */
            areas?: components["schemas"]["AreaSelection"][];
        };
        /** @description Body of `PUT /cart/tickets`. */
        ReserveRequest: {
            /**
             * @description Id of the cart session.
             * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
             */
            cart_id: string;
            /** @description What to reserve. */
            event: components["schemas"]["ReserveEvent"];
        };
        /**
         * @description Numeric state and province ids from the appendix of the published documentation, which introduces them as the state ids of the purchase request. The payment request of this edition identifies the region by its abbreviation (`region.abbrev`), so no member in this document uses these ids; they are kept for reference. The numbering has gaps (8 to 10 are not used).
         *
         *     - `1`: Alabama
         *     - `2`: Alaska
         *     - `3`: American Samoa
         *     - `4`: Arizona
         *     - `5`: Arkansas
         *     - `6`: Armed Forces Other
         *     - `7`: Armed Forces Americas
         *     - `11`: Armed Forces Pacific
         *     - `12`: California
         *     - `13`: Colorado
         *     - `14`: Connecticut
         *     - `15`: Delaware
         *     - `16`: District Of Columbia
         *     - `17`: Federated States Of Micronesia
         *     - `18`: Florida
         *     - `19`: Georgia
         *     - `20`: Guam
         *     - `21`: Hawaii
         *     - `22`: Idaho
         *     - `23`: Illinois
         *     - `24`: Indiana
         *     - `25`: Iowa
         *     - `26`: Kansas
         *     - `27`: Kentucky
         *     - `28`: Louisiana
         *     - `29`: Maine
         *     - `30`: Marshall Islands
         *     - `31`: Maryland
         *     - `32`: Massachusetts
         *     - `33`: Michigan
         *     - `34`: Minnesota
         *     - `35`: Mississippi
         *     - `36`: Missouri
         *     - `37`: Montana
         *     - `38`: Nebraska
         *     - `39`: Nevada
         *     - `40`: New Hampshire
         *     - `41`: New Jersey
         *     - `42`: New Mexico
         *     - `43`: New York
         *     - `44`: North Carolina
         *     - `45`: North Dakota
         *     - `46`: Northern Mariana Islands
         *     - `47`: Ohio
         *     - `48`: Oklahoma
         *     - `49`: Oregon
         *     - `50`: Palau
         *     - `51`: Pennsylvania
         *     - `52`: Puerto Rico
         *     - `53`: Rhode Island
         *     - `54`: South Carolina
         *     - `55`: South Dakota
         *     - `56`: Tennessee
         *     - `57`: Texas
         *     - `58`: Utah
         *     - `59`: Vermont
         *     - `60`: Virgin Islands
         *     - `61`: Virginia
         *     - `62`: Washington
         *     - `63`: West Virginia
         *     - `64`: Wisconsin
         *     - `65`: Wyoming
         *     - `66`: Alberta
         *     - `67`: British Columbia
         *     - `68`: Manitoba
         *     - `69`: New Brunswick
         *     - `70`: Newfoundland and Labrador
         *     - `71`: Northwest Territories
         *     - `72`: Nova Scotia
         *     - `73`: Nunavut
         *     - `74`: Ontario
         *     - `75`: Prince Edward Island
         *     - `76`: Quebec
         *     - `77`: Saskatchewan
         *     - `78`: Yukon
         * @enum {number}
         */
        StateId: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29 | 30 | 31 | 32 | 33 | 34 | 35 | 36 | 37 | 38 | 39 | 40 | 41 | 42 | 43 | 44 | 45 | 46 | 47 | 48 | 49 | 50 | 51 | 52 | 53 | 54 | 55 | 56 | 57 | 58 | 59 | 60 | 61 | 62 | 63 | 64 | 65 | 66 | 67 | 68 | 69 | 70 | 71 | 72 | 73 | 74 | 75 | 76 | 77 | 78;
        /** @description A price level of a ticket type. */
        TicketPrice: {
            /**
             * @description Price.
             * @example 25
             */
            amount: number;
            /**
             * @description Price to display.
             * @example 25
             */
            display_amount: number;
            /**
             * @description Price level id; send it as `price.id` in a reserve to get the best available seats at this level.
             * @example 0
             */
            id: number;
            /** @description Breakdown of the price. */
            price_details: components["schemas"]["PriceDetail"][];
        };
        /** @description Quantity rules of a ticket type. */
        TicketQuantities: {
            /**
             * @description Exact quantity that must be bought; `0` when no exact quantity is imposed.
             * @example 0
             */
            exact: number;
            /**
             * @description Maximum per order.
             * @example 10
             */
            limit: number;
            /**
             * @description Minimum per order.
             * @example 1
             */
            minimum: number;
            /**
             * @description Quantities must be a multiple of this number.
             * @example 1
             */
            multiple: number;
        };
        /** @description A ticket type and quantity to reserve. */
        TicketSelection: {
            /**
             * @description Ticket type id from the event details. Keep the leading zeros.
             * @example 000002040006
             */
            id: string;
            /**
             * @description Number of tickets.
             * @example 1
             */
            quantity: number;
            /** @description Price level; the best available seats at this level are reserved. */
            price?: components["schemas"]["PriceSelection"];
        };
        /** @description A ticket type that can be reserved. */
        TicketType: {
            /**
             * @description Name of the ticket type.
             * @example GPAS1
             */
            description: string;
            /**
             * @description Ticket type id. Keep the leading zeros: it is a string.
             * @example 000002040006
             */
            id: string;
            /** @description Price levels of this ticket type. */
            prices: components["schemas"]["TicketPrice"][];
            /** @description How many tickets of this type may be bought in one order. */
            quantities: components["schemas"]["TicketQuantities"];
        };
        /** @description An order whose tickets have not been redeemed. */
        UnredeemedOrder: {
            /**
             * @description Purchase time in milliseconds since the Unix epoch.
             * @example 1441341339000
             */
            purchase_date_time: number;
            /**
             * @description Delivery status of the redemption email. This edition documents the values 1 to 3; later editions add `4` (Send Error), so clients should tolerate values outside this list.
             *
             *     - `1`: Sent; nothing more is known about its delivery.
             *     - `2`: Bounced.
             *     - `3`: Marked as spam.
             * @example 2
             * @enum {number}
             */
            email_status: 1 | 2 | 3;
            /**
             * @description Event time in milliseconds since the Unix epoch.
             * @example 1471737600000
             */
            event_date_time: number;
            /**
             * @description Event id.
             * @example 3F004EC9D1EBBC76
             */
            event_id: string;
            /**
             * @description Token of the order, as returned by the purchase.
             * @example 2d1b801e-7e4b-4401-b6b6-1b9fb73271f1
             */
            order_token: string;
            /**
             * @description The `source_account_id` sent with the purchase.
             * @example fb63e3ede36210317e9e0fc5efccbc1f
             */
            order_source_account_id: string;
            /**
             * @description The email address given with the purchase.
             * @example john.tester@gmail.com
             */
            purchase_email_address: string;
        };
        /** @description Answer of `GET /orders/unredeemed`. */
        UnredeemedOrders: {
            /** @description Orders that have not been redeemed. */
            data: components["schemas"]["UnredeemedOrder"][];
        };
        /** @description Where an event takes place. */
        Venue: {
            /**
             * @description Venue id.
             * @example 516191
             */
            id: number;
            /** @description Address and time zone. */
            location: components["schemas"]["VenueLocation"];
            /** @description Markets the venue belongs to. */
            markets: components["schemas"]["Market"][];
            /**
             * @description Venue name.
             * @example CenturyLink Field
             */
            name: string;
        };
        /** @description City, region and country of a venue. */
        VenueAddress: {
            /**
             * @description City.
             * @example Seattle
             */
            city: string;
            /** @description Country, e.g. `US`. */
            country: components["schemas"]["PlaceAbbreviation"];
            /** @description State or province, e.g. `WA`. */
            region: components["schemas"]["PlaceAbbreviation"];
        };
        /** @description Address and time zone of a venue. */
        VenueLocation: {
            /** @description Postal location. */
            address: components["schemas"]["VenueAddress"];
            /**
             * @description IANA time zone of the venue. The nightly maintenance hour (2–3 AM) is in this zone.
             * @example America/Los_Angeles
             */
            time_zone: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "grant_type": "client_credentials"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["AccessTokenRequest"];
            };
        };
        responses: {
            /** @description Token issued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "issued_at": "1448168101229",
                     *       "scope": "",
                     *       "status": "approved",
                     *       "expires_in": "3599",
                     *       "token_type": "BearerToken",
                     *       "client_id": "GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne",
                     *       "access_token": "tW0tqWjB74Q4KQMOSEwbMhOhvADf"
                     *     }
                     */
                    "application/json": components["schemas"]["AccessToken"];
                };
            };
            /** @description The request could not be read, for example a field of the wrong type (error `10002`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Invalid input data type",
                     *         "code": 10002,
                     *         "http_code": 400,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The `apikey` parameter is missing or not a known key. This is the gateway's fault envelope, not the API's error envelope. (`oauth.v2.InvalidAccessToken` does not apply here: this call is how a token is obtained.) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "fault": {
                     *         "faultstring": "Invalid ApiKey",
                     *         "detail": {
                     *           "errorcode": "oauth.v2.InvalidApiKey"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The service is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    retrieveEventDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Ticketmaster event id, a 16-character alphanumeric string such as `0B004ED9FC825ACB`.
                 * @example 3F004CBB88958BF9
                 */
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event was found. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "api_transactable": true,
                     *       "event": {
                     *         "tickets": [
                     *           {
                     *             "description": "GPAS1",
                     *             "id": "000002040006",
                     *             "prices": [
                     *               {
                     *                 "amount": 25,
                     *                 "display_amount": 25,
                     *                 "id": 0,
                     *                 "price_details": [
                     *                   {
                     *                     "amount": {
                     *                       "amount": 25,
                     *                       "currency": "USD"
                     *                     },
                     *                     "type": "face_value"
                     *                   }
                     *                 ]
                     *               }
                     *             ],
                     *             "quantities": {
                     *               "exact": 0,
                     *               "limit": 10,
                     *               "minimum": 1,
                     *               "multiple": 1
                     *             }
                     *           }
                     *         ],
                     *         "artists": [
                     *           {
                     *             "id": 916285,
                     *             "name": "Seattle Sounders FC",
                     *             "rank": 1,
                     *             "single_performer_or_band": false
                     *           },
                     *           {
                     *             "id": 806017,
                     *             "name": "San Jose Earthquakes",
                     *             "rank": 2,
                     *             "single_performer_or_band": false
                     *           }
                     *         ],
                     *         "currency_code": "USD",
                     *         "event_image": {
                     *           "height": 115,
                     *           "location": "http://share.livenation.com/images/default_image.jpg",
                     *           "width": 205
                     *         },
                     *         "eventdate": {
                     *           "format": "datetime",
                     *           "value": "2015-08-21T02:00:00Z"
                     *         },
                     *         "facility_fee_rollup": true,
                     *         "id": "3F004CBB88958BF9",
                     *         "name": "Seattle Sounders FC vs. San Jose Earthquakes",
                     *         "notes": [
                     *           {
                     *             "text": "There is a 10 ticket limit per household.",
                     *             "type": "ticketlimittext"
                     *           }
                     *         ],
                     *         "offsale": {
                     *           "format": "datetime",
                     *           "value": "2015-08-21T00:00:00Z"
                     *         },
                     *         "onsale": {
                     *           "format": "datetime",
                     *           "value": "2014-06-25T01:56:29Z"
                     *         },
                     *         "presales": [
                     *           {
                     *             "format": "daterange",
                     *             "label": "Internet Presale",
                     *             "value": "2014-06-20T23:55:00Z/2014-07-31T03:00:00Z"
                     *           }
                     *         ],
                     *         "price_range": {
                     *           "description": "Prices subject to change",
                     *           "max": {
                     *             "display_amount": 25,
                     *             "face_value": 25,
                     *             "fees": 0
                     *           },
                     *           "min": {
                     *             "display_amount": 25,
                     *             "face_value": 25,
                     *             "fees": 0
                     *           }
                     *         },
                     *         "promoter": {
                     *           "id": 494,
                     *           "name": "PROMOTED BY VENUE"
                     *         },
                     *         "publication": {
                     *           "format": "datetime",
                     *           "value": "2014-01-27T18:00:00Z"
                     *         },
                     *         "purchase_organization": "TM",
                     *         "quantities": {
                     *           "limit": 10
                     *         },
                     *         "service_fee_rollup": false,
                     *         "statuses": [
                     *           {
                     *             "type": "onsale",
                     *             "value": "2014-06-25T01:56:29Z"
                     *           }
                     *         ],
                     *         "type": {
                     *           "id": 0
                     *         },
                     *         "url": "http://ticketmaster.com/event/3F004CBB88958BF9",
                     *         "venue": {
                     *           "id": 516191,
                     *           "location": {
                     *             "address": {
                     *               "city": "Seattle",
                     *               "country": {
                     *                 "abbrev": "US"
                     *               },
                     *               "region": {
                     *                 "abbrev": "WA"
                     *               }
                     *             },
                     *             "time_zone": "America/Los_Angeles"
                     *           },
                     *           "markets": [
                     *             {
                     *               "id": 42,
                     *               "name": "Greater Seattle Area"
                     *             }
                     *           ],
                     *           "name": "CenturyLink Field"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["EventDetails"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description No endpoint matches the request path. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The service is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getCaptchaPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The captcha page. */
            200: {
                headers: {
                    /** @example c0d60e1f4a711b710dc3dbe74fbd449c */
                    "X-TM-CAPTCHA-V2-SITEKEY"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example <html>
                     *         <head>
                     *             <script src="https://www.google.com/recaptcha/api.js"></script>
                     *             <script>
                     *             function callback(responseText) {
                     *                 location.href = "ticketmaster-g-recaptcha-response://" + responseText;
                     *             }
                     *             </script>
                     *         </head>
                     *         <body>
                     *             <div class="g-recaptcha" data-sitekey="c0d60e1f4a711b710dc3dbe74fbd449c" data-callback="callback"></div>
                     *         </body>
                     *     </html>
                     */
                    "text/html": string;
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The service is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    purchaseCart: {
        parameters: {
            query?: never;
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example true */
                "X-TM-FORCE-POLLING"?: string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cart_id": "bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=",
                 *       "source_account_id": "30f86cd70ac7216bc596aa2d060a7064"
                 *     }
                 */
                "application/json": components["schemas"]["PurchaseRequest"];
            };
        };
        responses: {
            /** @description The order was placed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "redemption_url": "https://myorder.ticketmaster.com/redeem?token=28a67e13-7233-45a5lsGPQy0MZ3J7ZOQRjcW52NHhG083D",
                     *       "tm_app_url": "ticketmaster:///partners/redeem?token=28a67e13-7233-45a5lsGPQy0MZ3J7ZOQRjcW52NHhG083D",
                     *       "grand_total": 57.39,
                     *       "order_token": "28a67e13-7233-45a5lsGPQy0MZ3J7ZOQRjcW52NHhG083D"
                     *     }
                     */
                    "application/json": components["schemas"]["PurchaseResult"];
                };
            };
            /**
             * @description The purchase is queued. Wait `wait` seconds, then `GET` the `polling_url`. The URL is opaque; the example shows the one published for a reserve.
             *
             *     Polling was forced.
             */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "polling_url": "https://app.ticketmaster.com/partners/v1/polling/cart-tickets-PUT-00000001080E06000000006BB7C4A8C0?apikey=GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne&cart_id=bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo%3D",
                     *       "wait": 4
                     *     }
                     */
                    "application/json": components["schemas"]["PollingResponse"];
                };
            };
            /** @description The body could not be read, for example a field of the wrong type (error `10002`). Later editions of the documentation also report a `cart_id` that is invalid or stale here, with error `90003` ("Invalid cart"). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Invalid input data type",
                     *         "code": 10002,
                     *         "http_code": 400,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during the nightly maintenance hour (2–3 AM in the time zone of the event's venue). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postCaptchaSolution: {
        parameters: {
            query?: never;
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CaptchaSolution"];
            };
        };
        responses: {
            /** @description The session is open. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cart_id": "bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo="
                     *     }
                     */
                    "application/json": components["schemas"]["CartSession"];
                };
            };
            /**
             * @description The body could not be read, for example a field of the wrong type (error `10002`).
             *
             *     The captcha token is wrong or has expired (error `10031`). Show a new captcha.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     No captcha solution token was supplied (error `10004`).
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"] | components["schemas"]["Error"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during its nightly maintenance hour. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteCart: {
        parameters: {
            query: {
                /**
                 * @description Id of the cart session, as returned by `POST /cart`. It must be URL-encoded in the query: ids are base64 strings, so `=` travels as `%3D`.
                 * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
                 */
                cart_id: string;
            };
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example true */
                "X-TM-FORCE-POLLING"?: string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The deletion is queued. Wait `wait` seconds, then `GET` the `polling_url`. The URL is opaque; the example shows the one published for a reserve.
             *
             *     Polling was forced.
             */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "polling_url": "https://app.ticketmaster.com/partners/v1/polling/cart-tickets-PUT-00000001080E06000000006BB7C4A8C0?apikey=GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne&cart_id=bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo%3D",
                     *       "wait": 4
                     *     }
                     */
                    "application/json": components["schemas"]["PollingResponse"];
                };
            };
            /** @description The cart was deleted. There is no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The cart id is unknown, stale or expired (error `90003`, documented by later editions). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Invalid cart",
                     *         "code": 90003,
                     *         "http_code": 400,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during the nightly maintenance hour (2–3 AM in the time zone of the event's venue). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    reserveTickets: {
        parameters: {
            query?: never;
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example true */
                "X-TM-FORCE-POLLING"?: string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReserveRequest"];
            };
        };
        responses: {
            /** @description The tickets are held in the cart. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cart_id": "bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=",
                     *       "cart": {
                     *         "hold_time": 299,
                     *         "items": [
                     *           {
                     *             "end_seat_number": "7",
                     *             "event_id": "3F004CBB88958BF9",
                     *             "num_seats": 1,
                     *             "row": "I",
                     *             "section": "CLB234",
                     *             "start_seat_number": "7",
                     *             "tickets": [
                     *               {
                     *                 "charges": [
                     *                   {
                     *                     "price": 0,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "distance"
                     *                   },
                     *                   {
                     *                     "price": 25,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "face_value"
                     *                   },
                     *                   {
                     *                     "price": 0,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "facility"
                     *                   },
                     *                   {
                     *                     "price": 0,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "service"
                     *                   }
                     *                 ],
                     *                 "description": "GPAS1",
                     *                 "id": "000002040006",
                     *                 "quantity": 1
                     *               }
                     *             ],
                     *             "totals": {
                     *               "currency_code": "USD",
                     *               "fee": 0,
                     *               "grand": 25,
                     *               "merchandise": 25,
                     *               "tax": 0
                     *             }
                     *           }
                     *         ],
                     *         "totals": {
                     *           "delivery": 0,
                     *           "fee": 0,
                     *           "grand": 25,
                     *           "merchandise": 25,
                     *           "tax": 0,
                     *           "unpaid": 25,
                     *           "upsell": 0
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CartResponse"];
                };
            };
            /**
             * @description The reserve is queued. Wait `wait` seconds, then `GET` the `polling_url`.
             *
             *     Polling was forced.
             */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "polling_url": "https://app.ticketmaster.com/partners/v1/polling/cart-tickets-PUT-00000001080E06000000006BB7C4A8C0?apikey=GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne&cart_id=bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo%3D",
                     *       "wait": 4
                     *     }
                     */
                    "application/json": components["schemas"]["PollingResponse"];
                };
            };
            /**
             * @description The body could not be read, for example a field of the wrong type (error `10002`). Later editions of the documentation also report a `cart_id` that is invalid or stale here, with error `90003` ("Invalid cart").
             *
             *     Nothing matches the request (error `20052`): the requested ticket type is sold out, or not enough adjacent seats are left for the quantity asked. The published example of this error has no `http_code` or `severity`, and no HTTP status is given for it; `400` is the status later editions list for this code.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The event cannot be sold through this API (error `90001`). Send the user to the event's page on ticketmaster.com instead. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Event is not API transactable",
                     *         "code": 90001,
                     *         "http_code": 403,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during the nightly maintenance hour (2–3 AM in the time zone of the event's venue). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getEncryptionCertificate: {
        parameters: {
            query: {
                /**
                 * @description Id of the cart session, as returned by `POST /cart`. It must be URL-encoded in the query (`=` travels as `%3D`). This edition of the API asks for it; later editions dropped the parameter.
                 * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
                 */
                cart_id: string;
            };
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current certificate. The published example is cut short (its base64 is not a whole certificate), so this example is a complete self-signed certificate made for this document; clients can encrypt with it against a mock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "paysys-dev.0.us.3",
                     *       "value": "-----BEGIN CERTIFICATE-----\r\nMIIDkzCCAnugAwIBAgIUS7JM2Md4T9gY/hC0jZQqsPxx6AAwDQYJKoZIhvcNAQEL\r\nBQAwWTELMAkGA1UEBhMCVVMxHDAaBgNVBAoME1BhcnRuZXIgQVBJIHRvb2xraXQx\r\nLDAqBgNVBAMMI0V4YW1wbGUgY2FyZC1lbmNyeXB0aW9uIGNlcnRpZmljYXRlMB4X\r\nDTI2MTEyNjAyNTg0M1oXDTQ2MTEyMTAyNTg0M1owWTELMAkGA1UEBhMCVVMxHDAa\r\nBgNVBAoME1BhcnRuZXIgQVBJIHRvb2xraXQxLDAqBgNVBAMMI0V4YW1wbGUgY2Fy\r\nZC1lbmNyeXB0aW9uIGNlcnRpZmljYXRlMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\r\nMIIBCgKCAQEA0b+vXPaxqRAcRgBreVPHLIHAr5rQ7h3QUdTYFSpYm24toRi9E2RK\r\nxt/mnITzlyJBbUj1OM5kYuTKbsuST55WwidpOGiG5RiIAhS3eh6jaWIzPD9cMwp2\r\nyWYq55Vm1HsmUlWSAGTUgBD6V12bNidGGMZBO8Id2reSfyQLl51DVn0sXx5ogNVe\r\nQbMB2FFDyvVn1v+/MIlmatsaVYuUm/EfWPqWYZBm0anzbwfbFetnBhNeQCE7JKms\r\n+R5j16q1k+YBpfepxWYqmWBTqVYRZ2nMRqAXWRPRCKydrK2mjlGV7yQWKUmer7YT\r\n4PkSrEtwE1Bga9wdKWqgtEts18panD7HtwIDAQABo1MwUTAdBgNVHQ4EFgQUzOfW\r\nCwZMlfvMUJCdBFwZ8sgDCycwHwYDVR0jBBgwFoAUzOfWCwZMlfvMUJCdBFwZ8sgD\r\nCycwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAXvkb3pI4Ad6x\r\n/L4Uly+NsHiHkTRcCstIxCaxHNoD+nI9+OoEWVD1OX1CSes9fGdqieEb+jqPdfOo\r\nKi76H8yQcYFYZQkrpRzs+58osFK056/3CiW46mzTtip1kHm0D+Hw3EWDTnyhTn+O\r\nG6K3pAwUqBqTdGVCX9QNIcSrM4JnAigWsRr3ig7ulqmreubH0WU6MtMIE8R9oQTd\r\nTo4DGL2a5WN9u/KDV0XaHCiDBHNRod0Cv9j7pNiNGwCXwMDARgWhvGLPzG2R6CF+\r\ndZpL0M1LQF6tRSsw8x0Dq77jsJeOLTZHN/+T1fYo1CGAMTfwy3827D5AaN8ikfte\r\nnHeQz695SQ==\r\n-----END CERTIFICATE-----\r\n"
                     *     }
                     */
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            /** @description The cart id is unknown, stale or expired (error `90003`, documented by later editions). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Invalid cart",
                     *         "code": 90003,
                     *         "http_code": 400,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during the nightly maintenance hour (2–3 AM in the time zone of the event's venue). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    addPayment: {
        parameters: {
            query?: never;
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /**
             * @description The payment was added. The answer holds the updated cart (the published documentation elides its content; it is the cart object returned by a reserve).
             *
             *     The invoice payment was added.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "cart": {
                     *         "hold_time": 299,
                     *         "items": [
                     *           {
                     *             "end_seat_number": "7",
                     *             "event_id": "3F004CBB88958BF9",
                     *             "num_seats": 1,
                     *             "row": "I",
                     *             "section": "CLB234",
                     *             "start_seat_number": "7",
                     *             "tickets": [
                     *               {
                     *                 "charges": [
                     *                   {
                     *                     "price": 0,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "distance"
                     *                   },
                     *                   {
                     *                     "price": 25,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "face_value"
                     *                   },
                     *                   {
                     *                     "price": 0,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "facility"
                     *                   },
                     *                   {
                     *                     "price": 0,
                     *                     "quantity": 1,
                     *                     "tax": 0,
                     *                     "type": "service"
                     *                   }
                     *                 ],
                     *                 "description": "GPAS1",
                     *                 "id": "000002040006",
                     *                 "quantity": 1
                     *               }
                     *             ],
                     *             "totals": {
                     *               "currency_code": "USD",
                     *               "fee": 0,
                     *               "grand": 25,
                     *               "merchandise": 25,
                     *               "tax": 0
                     *             }
                     *           }
                     *         ],
                     *         "totals": {
                     *           "delivery": 0,
                     *           "fee": 0,
                     *           "grand": 25,
                     *           "merchandise": 25,
                     *           "tax": 0,
                     *           "unpaid": 25,
                     *           "upsell": 0
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentResult"];
                };
            };
            /**
             * @description The body could not be read, for example a field of the wrong type (error `10002`). Later editions of the documentation add that the required payment fields depend on how the client account is configured.
             *
             *     The payment was refused (error `20122`).
             *
             *     The card security code (CVV, printed on the back of the card) is not valid (error `20152`).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during the nightly maintenance hour (2–3 AM in the time zone of the event's venue). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listUnredeemedOrders: {
        parameters: {
            query?: {
                /**
                 * @description Look-back window: orders purchased within this many days. Optional on its own, but every request must carry at least one of the two day-count parameters.
                 * @example 30
                 */
                days_from_purchase?: number;
                /**
                 * @description Orders for events taking place within this many days. Optional on its own, but every request must carry at least one of the two day-count parameters.
                 * @example 14
                 */
                days_before_event?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The unredeemed orders of the period (possibly none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "purchase_date_time": 1441341339000,
                     *           "email_status": 2,
                     *           "event_date_time": 1471737600000,
                     *           "event_id": "3F004EC9D1EBBC76",
                     *           "order_token": "2d1b801e-7e4b-4401-b6b6-1b9fb73271f1",
                     *           "order_source_account_id": "fb63e3ede36210317e9e0fc5efccbc1f",
                     *           "purchase_email_address": "john.tester@gmail.com"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UnredeemedOrders"];
                };
            };
            /** @description Neither `days_from_purchase` nor `days_before_event` was given, or one is not a number (error `10002`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Invalid input data type",
                     *         "code": 10002,
                     *         "http_code": 400,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The service is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    poll: {
        parameters: {
            query: {
                /**
                 * @description Id of the cart session (URL-encoded in the query). The polling URL already carries it.
                 * @example bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo=
                 */
                cart_id: string;
            };
            header: {
                /** @example 198.51.100.23 */
                "True-Client-IP": string;
                /** @example partner-user-8841 */
                "Original-User-Id"?: string;
            };
            path: {
                /**
                 * @description Opaque path chosen by Ticketmaster (the published URLs have several segments, e.g. `cart/tickets/PUT/…`); copy it unchanged from the polling URL.
                 * @example cart-tickets-PUT-00000001080E06000000006BB7C4A8C0
                 */
                poll_path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The reserve has finished; this is its result.
             *
             *     The purchase has finished; this is its result.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CartResponse"] | components["schemas"]["PurchaseResult"];
                };
            };
            /** @description Still queued. Wait `wait` seconds and poll the new `polling_url`. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "polling_url": "https://app.ticketmaster.com/partners/v1/polling/cart-tickets-PUT-00000001080E06000000006BB7C4A8C0?apikey=GkB8Z037ZfqbLCNtZViAgrEegbsrZ6Ne&cart_id=bzJVZURoNit1UkhQQ25pcE5KSHh1K09SVE9lQ0k2RktwSEZFdnAwTlNJYS82ZE5WWldiREtSTQo%3D",
                     *       "wait": 4
                     *     }
                     */
                    "application/json": components["schemas"]["PollingResponse"];
                };
            };
            /** @description The cart deletion has finished. There is no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The original operation failed; its error is the final answer (here a reserve that found no inventory). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "No inventory found to match request",
                     *         "code": 20052
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The `apikey` parameter is missing or not a known key.
             *
             *     The bearer token has expired or is unknown. Request a new token; there is no refresh.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fault"];
                };
            };
            /** @description The original operation was refused; its error is the final answer (here a reserve for an event that cannot be sold through this API). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "message": "Event is not API transactable",
                     *         "code": 90001,
                     *         "http_code": 403,
                     *         "severity": "ERROR"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No endpoint matches the request path. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input or the parameters are not acceptable. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal error. Ticketmaster is alerted automatically; quote the error `code`, if the body has one, when contacting support. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The ticketing system is unavailable, for instance during the nightly maintenance hour (2–3 AM in the time zone of the event's venue). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
