// Generated from the admin's GET /api/openapi.json by openapi-typescript (see openapi-client.test.ts).
export interface paths {
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["users.list"];
        put?: never;
        /** Create user */
        post: operations["users.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several users (all or none) */
        post: operations["users.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get user */
        get: operations["users.get"];
        put?: never;
        post?: never;
        /** Delete user */
        delete: operations["users.delete"];
        options?: never;
        head?: never;
        /** Change user */
        patch: operations["users.update"];
        trace?: never;
    };
    "/users/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["users.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several users alike (all or none) */
        post: operations["users.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several users (all or none) */
        post: operations["users.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/actions/sendPasswordReset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send password reset
         * @description Sends the user a single-use link to choose a new password. Their password keeps working until then.
         */
        post: operations["users.sendPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/actions/signOutEverywhere": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out everywhere
         * @description Ends every session of this user, in every browser; their password and API tokens keep working.
         */
        post: operations["users.signOutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/actions/resetTwoFactor": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset two-factor
         * @description Turns the user's two-factor authentication off and deletes their recovery codes, so they can sign in with their password alone and set it up again.
         */
        post: operations["users.resetTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List posts */
        get: operations["posts.list"];
        put?: never;
        /** Create post */
        post: operations["posts.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several posts (all or none) */
        post: operations["posts.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get post */
        get: operations["posts.get"];
        put?: never;
        post?: never;
        /** Delete post (it can be restored) */
        delete: operations["posts.delete"];
        options?: never;
        head?: never;
        /** Change post */
        patch: operations["posts.update"];
        trace?: never;
    };
    "/posts/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["posts.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several posts alike (all or none) */
        post: operations["posts.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several posts (all or none) */
        post: operations["posts.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore deleted post */
        post: operations["posts.restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/actions/recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recount statistics
         * @description Counts posts and comments and ranks the most active authors, as the nightly run does.
         */
        post: operations["posts.recount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}/actions/publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish
         * @description Makes the post public, published as of now.
         */
        post: operations["posts.publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/actions/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish, on several records (all or none) */
        post: operations["posts.publishMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/{id}/actions/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unpublish
         * @description Takes the post off the site and back to the drafts.
         */
        post: operations["posts.unpublish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/posts/actions/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unpublish, on several records (all or none) */
        post: operations["posts.unpublishMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List comments */
        get: operations["comments.list"];
        put?: never;
        /** Create comment */
        post: operations["comments.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several comments (all or none) */
        post: operations["comments.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get comment */
        get: operations["comments.get"];
        put?: never;
        post?: never;
        /** Delete comment */
        delete: operations["comments.delete"];
        options?: never;
        head?: never;
        /** Change comment */
        patch: operations["comments.update"];
        trace?: never;
    };
    "/comments/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["comments.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several comments alike (all or none) */
        post: operations["comments.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several comments (all or none) */
        post: operations["comments.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tags */
        get: operations["tags.list"];
        put?: never;
        /** Create tag */
        post: operations["tags.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tags/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several tags (all or none) */
        post: operations["tags.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get tag */
        get: operations["tags.get"];
        put?: never;
        post?: never;
        /** Delete tag */
        delete: operations["tags.delete"];
        options?: never;
        head?: never;
        /** Change tag */
        patch: operations["tags.update"];
        trace?: never;
    };
    "/tags/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["tags.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tags/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several tags alike (all or none) */
        post: operations["tags.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tags/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several tags (all or none) */
        post: operations["tags.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/announcements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List announcements */
        get: operations["announcements.list"];
        put?: never;
        /** Create announcement */
        post: operations["announcements.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/announcements/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several announcements (all or none) */
        post: operations["announcements.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/announcements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get announcement */
        get: operations["announcements.get"];
        put?: never;
        post?: never;
        /** Delete announcement */
        delete: operations["announcements.delete"];
        options?: never;
        head?: never;
        /** Change announcement */
        patch: operations["announcements.update"];
        trace?: never;
    };
    "/announcements/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["announcements.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/announcements/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several announcements alike (all or none) */
        post: operations["announcements.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/announcements/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several announcements (all or none) */
        post: operations["announcements.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects */
        get: operations["projects.list"];
        put?: never;
        /** Create project */
        post: operations["projects.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several projects (all or none) */
        post: operations["projects.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get project */
        get: operations["projects.get"];
        put?: never;
        post?: never;
        /** Delete project */
        delete: operations["projects.delete"];
        options?: never;
        head?: never;
        /** Change project */
        patch: operations["projects.update"];
        trace?: never;
    };
    "/projects/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["projects.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several projects alike (all or none) */
        post: operations["projects.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several projects (all or none) */
        post: operations["projects.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/taskRuns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List task runs */
        get: operations["taskRuns.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/taskRuns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get task run */
        get: operations["taskRuns.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/taskRuns/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["taskRuns.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/taskRuns/{id}/actions/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge alarm
         * @description Takes this failed run off the alarms on the dashboard. The run itself stays as it is.
         */
        post: operations["taskRuns.acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/taskRuns/actions/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge alarm, on several records (all or none) */
        post: operations["taskRuns.acknowledgeMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["webhooks.list"];
        put?: never;
        /** Create webhook */
        post: operations["webhooks.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/batch/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create several webhooks (all or none) */
        post: operations["webhooks.createMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get webhook */
        get: operations["webhooks.get"];
        put?: never;
        post?: never;
        /** Delete webhook */
        delete: operations["webhooks.delete"];
        options?: never;
        head?: never;
        /** Change webhook */
        patch: operations["webhooks.update"];
        trace?: never;
    };
    "/webhooks/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["webhooks.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/batch/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change several webhooks alike (all or none) */
        post: operations["webhooks.updateMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/batch/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete several webhooks (all or none) */
        post: operations["webhooks.deleteMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhookDeliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook deliveries */
        get: operations["webhookDeliveries.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhookDeliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get webhook delivery */
        get: operations["webhookDeliveries.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhookDeliveries/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["webhookDeliveries.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requestLogs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List request log */
        get: operations["requestLogs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requestLogs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get request */
        get: operations["requestLogs.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requestLogs/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["requestLogs.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List backups */
        get: operations["backups.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** Get backup */
        get: operations["backups.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The record's changes, newest first */
        get: operations["backups.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/actions/backUp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Back up now
         * @description Takes a consistent backup of the whole database into the backup folder. It appears here when ready.
         */
        post: operations["backups.backUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{id}/actions/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify
         * @description Reads the whole archive and checks its checksum, manifest and every table's rows and SHA-256. Changes nothing.
         */
        post: operations["backups.verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{id}/actions/dryRun": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dry run
         * @description Restores the archive into a scratch database, runs every check, reports, and drops it. The live data is not touched.
         */
        post: operations["backups.dryRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{id}/actions/restoreBackup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore
         * @description Replaces all app data with this backup's, in one transaction: everything or nothing.
         */
        post: operations["backups.restoreBackup"];
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
        Error: {
            /**
             * @description tRPC's error code; the HTTP status is tRPC's for it.
             * @enum {string}
             */
            code: "PARSE_ERROR" | "BAD_REQUEST" | "INTERNAL_SERVER_ERROR" | "NOT_IMPLEMENTED" | "BAD_GATEWAY" | "SERVICE_UNAVAILABLE" | "GATEWAY_TIMEOUT" | "UNAUTHORIZED" | "PAYMENT_REQUIRED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_SUPPORTED" | "TIMEOUT" | "CONFLICT" | "PRECONDITION_FAILED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "UNPROCESSABLE_CONTENT" | "PRECONDITION_REQUIRED" | "TOO_MANY_REQUESTS" | "CLIENT_CLOSED_REQUEST";
            /** @description One sentence for a person. */
            message: string;
            /** @description Messages by field (dotted paths for nested ones, `_form` for the whole input). */
            fieldErrors?: components["schemas"]["FieldErrors"] | null;
        };
        FieldErrors: {
            [key: string]: string[];
        };
        /** @description A stored file, as records hold it; downloaded from the files route by its id and name. */
        File: {
            /** Format: uuid */
            id: string;
            name: string;
            size: number;
            /** @description The type sniffed from the content, e.g. image/png. */
            type: string;
            width?: number;
            height?: number;
        };
        /** @description An uploaded file: its id, or its descriptor as a read returned it (only the id counts). */
        FileRef: string | {
            /** Format: uuid */
            id: string;
        };
        HistoryEntry: {
            id: number;
            /** Format: date-time */
            at: string;
            /** @description create, update, delete, restore, purge, revert, action... */
            operation: string;
            actor: {
                /** @enum {string} */
                kind: "user" | "token" | "system" | "anonymous";
                id: string | null;
                name: string;
            };
            /** @description The fields before the change, as this caller may read them. */
            before: Record<string, never> | null;
            /** @description The fields after the change, as this caller may read them. */
            after: Record<string, never> | null;
            /** @description Titles of the records the entry names, by field then id. */
            refs: Record<string, never>;
        };
        HistoryPage: {
            items: components["schemas"]["HistoryEntry"][];
            page: number;
            perPage: number;
            totalItems: number;
            totalPages: number;
        };
        Users: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Email */
            email: string;
            /**
             * Role
             * @enum {string}
             */
            role: "admin" | "editor" | "member";
            /** Bio */
            bio: string;
            /** Avatar */
            avatar: components["schemas"]["File"] | null;
            /** Blocked */
            blocked: boolean;
            /** Must change password */
            passwordChangeRequired: boolean;
            /**
             * Email verified
             * Format: date-time
             */
            emailVerifiedAt: string | null;
            /**
             * Two-factor since
             * Format: date-time
             */
            twoFactorEnabledAt: string | null;
            /** Sign-in alerts */
            signInAlerts: boolean;
            /**
             * Joined
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updated
             * Format: date-time
             */
            updatedAt: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                posts?: components["schemas"]["Posts"][];
                postCount?: number;
            };
        };
        UsersList: {
            items: components["schemas"]["Users"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        UsersCreate: {
            /** Name */
            name: string;
            /**
             * Email
             * Format: email
             */
            email: string;
            /**
             * Role
             * @default member
             * @enum {string}
             */
            role: "admin" | "editor" | "member";
            /**
             * Bio
             * @default
             */
            bio: string;
            /** Avatar */
            avatar?: components["schemas"]["FileRef"] | null;
            /**
             * Blocked
             * @default false
             */
            blocked: boolean;
            /**
             * Sign-in alerts
             * @default true
             */
            signInAlerts: boolean;
        };
        UsersUpdate: {
            /** Name */
            name?: string;
            /**
             * Email
             * Format: email
             */
            email?: string;
            /**
             * Role
             * @enum {string}
             */
            role?: "admin" | "editor" | "member";
            /** Bio */
            bio?: string;
            /** Avatar */
            avatar?: components["schemas"]["FileRef"] | null;
            /** Blocked */
            blocked?: boolean;
            /** Sign-in alerts */
            signInAlerts?: boolean;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        UsersFilter: {
            name?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            role?: {
                /** @enum {string} */
                eq?: "admin" | "editor" | "member";
                /** @enum {string} */
                ne?: "admin" | "editor" | "member";
                in?: ("admin" | "editor" | "member")[];
                notIn?: ("admin" | "editor" | "member")[];
                isNull?: boolean;
            };
            blocked?: {
                eq?: boolean;
                ne?: boolean;
                isNull?: boolean;
            };
            createdAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["UsersFilter"][];
            or?: components["schemas"]["UsersFilter"][];
            not?: components["schemas"]["UsersFilter"];
        };
        Posts: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Title */
            title: string;
            /**
             * Slug
             * @description Derived from the title.
             */
            slug: string;
            /**
             * Body
             * @description Markdown.
             */
            body: string;
            /**
             * Status
             * @enum {string}
             */
            status: "draft" | "published";
            /**
             * Author
             * Format: uuid
             */
            authorId: string;
            /**
             * Published
             * Format: date-time
             */
            publishedAt: string | null;
            /** Cover image */
            cover: components["schemas"]["File"] | null;
            /** Attachments */
            attachments: components["schemas"]["File"][];
            /**
             * Created
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updated
             * Format: date-time
             */
            updatedAt: string;
            /**
             * Deleted
             * Format: date-time
             */
            deletedAt: string | null;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                author?: components["schemas"]["Users"] | null;
                comments?: components["schemas"]["Comments"][];
                commentCount?: number;
                tags?: components["schemas"]["Tags"][];
            };
        };
        PostsList: {
            items: components["schemas"]["Posts"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        PostsCreate: {
            /** Title */
            title: string;
            /**
             * Body
             * @description Markdown.
             */
            body: string;
            /**
             * Status
             * @default draft
             * @enum {string}
             */
            status: "draft" | "published";
            /**
             * Author
             * Format: uuid
             */
            authorId?: string;
            /** Cover image */
            cover?: components["schemas"]["FileRef"] | null;
            /**
             * Attachments
             * @default []
             */
            attachments: components["schemas"]["FileRef"][];
            /** @description The tags linked to the record (replaces the links). */
            tags?: string[];
        };
        PostsUpdate: {
            /** Title */
            title?: string;
            /**
             * Body
             * @description Markdown.
             */
            body?: string;
            /**
             * Status
             * @enum {string}
             */
            status?: "draft" | "published";
            /**
             * Author
             * Format: uuid
             */
            authorId?: string;
            /** Cover image */
            cover?: components["schemas"]["FileRef"] | null;
            /** Attachments */
            attachments?: components["schemas"]["FileRef"][];
            /** @description The tags linked to the record (replaces the links). */
            tags?: string[];
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        PostsFilter: {
            title?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            slug?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            status?: {
                /** @enum {string} */
                eq?: "draft" | "published";
                /** @enum {string} */
                ne?: "draft" | "published";
                in?: ("draft" | "published")[];
                notIn?: ("draft" | "published")[];
                isNull?: boolean;
            };
            authorId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            publishedAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            createdAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            deletedAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["PostsFilter"][];
            or?: components["schemas"]["PostsFilter"][];
            not?: components["schemas"]["PostsFilter"];
        };
        Comments: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Post
             * Format: uuid
             */
            postId: string;
            /**
             * Author
             * Format: uuid
             */
            authorId: string;
            /** Comment */
            body: string;
            /**
             * Posted
             * Format: date-time
             */
            createdAt: string;
            /**
             * Edited
             * Format: date-time
             */
            updatedAt: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                post?: components["schemas"]["Posts"] | null;
                author?: components["schemas"]["Users"] | null;
            };
        };
        CommentsList: {
            items: components["schemas"]["Comments"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        CommentsCreate: {
            /**
             * Post
             * Format: uuid
             */
            postId: string;
            /**
             * Author
             * Format: uuid
             */
            authorId?: string;
            /** Comment */
            body: string;
        };
        CommentsUpdate: {
            /** Comment */
            body?: string;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        CommentsFilter: {
            postId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            authorId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            createdAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["CommentsFilter"][];
            or?: components["schemas"]["CommentsFilter"][];
            not?: components["schemas"]["CommentsFilter"];
        };
        Tags: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Slug */
            slug: string;
            /**
             * Created
             * Format: date-time
             */
            createdAt: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                posts?: components["schemas"]["Posts"][];
            };
        };
        TagsList: {
            items: components["schemas"]["Tags"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        TagsCreate: {
            /** Name */
            name: string;
            /** Slug */
            slug: string;
        };
        TagsUpdate: {
            /** Name */
            name?: string;
            /** Slug */
            slug?: string;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        TagsFilter: {
            name?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            slug?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            and?: components["schemas"]["TagsFilter"][];
            or?: components["schemas"]["TagsFilter"][];
            not?: components["schemas"]["TagsFilter"];
        };
        Announcements: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Title */
            title: string;
            /**
             * Message
             * @description Markdown, shown in a banner on the home page.
             */
            message: string;
            /**
             * Tone
             * @enum {string}
             */
            tone: "info" | "success" | "warning";
            /**
             * Active
             * @description Inactive announcements are never shown.
             */
            active: boolean;
            /**
             * Priority
             * @description Higher comes first.
             */
            priority: number;
            /**
             * Starts at
             * Format: date-time
             * @description Empty: right away.
             */
            startsAt: string | null;
            /**
             * Ends on
             * Format: date
             * @description The last day it is shown. Empty: no end.
             */
            endsOn: string | null;
            /**
             * Settings
             * @description Free-form JSON for the banner (e.g. a link).
             */
            settings: unknown;
            /**
             * Created
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updated
             * Format: date-time
             */
            updatedAt: string;
        };
        AnnouncementsList: {
            items: components["schemas"]["Announcements"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        AnnouncementsCreate: {
            /** Title */
            title: string;
            /**
             * Message
             * @description Markdown, shown in a banner on the home page.
             */
            message: string;
            /**
             * Tone
             * @default info
             * @enum {string}
             */
            tone: "info" | "success" | "warning";
            /**
             * Active
             * @description Inactive announcements are never shown.
             * @default true
             */
            active: boolean;
            /**
             * Priority
             * @description Higher comes first.
             * @default 0
             */
            priority: number;
            /**
             * Starts at
             * Format: date-time
             * @description Empty: right away.
             */
            startsAt?: string | null;
            /**
             * Ends on
             * Format: date
             * @description The last day it is shown. Empty: no end.
             */
            endsOn?: string | null;
            /**
             * Settings
             * @description Free-form JSON for the banner (e.g. a link).
             * @default {}
             */
            settings: unknown;
        };
        AnnouncementsUpdate: {
            /** Title */
            title?: string;
            /**
             * Message
             * @description Markdown, shown in a banner on the home page.
             */
            message?: string;
            /**
             * Tone
             * @enum {string}
             */
            tone?: "info" | "success" | "warning";
            /**
             * Active
             * @description Inactive announcements are never shown.
             */
            active?: boolean;
            /**
             * Priority
             * @description Higher comes first.
             */
            priority?: number;
            /**
             * Starts at
             * Format: date-time
             * @description Empty: right away.
             */
            startsAt?: string | null;
            /**
             * Ends on
             * Format: date
             * @description The last day it is shown. Empty: no end.
             */
            endsOn?: string | null;
            /**
             * Settings
             * @description Free-form JSON for the banner (e.g. a link).
             */
            settings?: unknown;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        AnnouncementsFilter: {
            tone?: {
                /** @enum {string} */
                eq?: "info" | "success" | "warning";
                /** @enum {string} */
                ne?: "info" | "success" | "warning";
                in?: ("info" | "success" | "warning")[];
                notIn?: ("info" | "success" | "warning")[];
                isNull?: boolean;
            };
            active?: {
                eq?: boolean;
                ne?: boolean;
                isNull?: boolean;
            };
            startsAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            endsOn?: {
                /** Format: date */
                eq?: string;
                /** Format: date */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date */
                gt?: string;
                /** Format: date */
                gte?: string;
                /** Format: date */
                lt?: string;
                /** Format: date */
                lte?: string;
            };
            and?: components["schemas"]["AnnouncementsFilter"][];
            or?: components["schemas"]["AnnouncementsFilter"][];
            not?: components["schemas"]["AnnouncementsFilter"];
        };
        Projects: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Description */
            description: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "planning" | "active" | "on_hold" | "done";
            /**
             * Budget
             * @description Up to 2 decimal places.
             */
            budget: string | null;
            /**
             * Due date
             * Format: date
             */
            dueDate: string | null;
            /**
             * Owner
             * Format: uuid
             */
            ownerId: string;
            /** Tags */
            tags: string[];
            /**
             * Created
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updated
             * Format: date-time
             */
            updatedAt: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                owner?: components["schemas"]["Users"] | null;
            };
        };
        ProjectsList: {
            items: components["schemas"]["Projects"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        ProjectsCreate: {
            /** Name */
            name: string;
            /** Description */
            description?: string | null;
            /**
             * Status
             * @default planning
             * @enum {string}
             */
            status: "planning" | "active" | "on_hold" | "done";
            /**
             * Budget
             * @description Up to 2 decimal places.
             */
            budget?: string | null;
            /**
             * Due date
             * Format: date
             */
            dueDate?: string | null;
            /**
             * Owner
             * Format: uuid
             */
            ownerId?: string;
            /**
             * Tags
             * @default []
             */
            tags: string[];
        };
        ProjectsUpdate: {
            /** Name */
            name?: string;
            /** Description */
            description?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status?: "planning" | "active" | "on_hold" | "done";
            /**
             * Budget
             * @description Up to 2 decimal places.
             */
            budget?: string | null;
            /**
             * Due date
             * Format: date
             */
            dueDate?: string | null;
            /**
             * Owner
             * Format: uuid
             */
            ownerId?: string;
            /** Tags */
            tags?: string[];
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        ProjectsFilter: {
            name?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            status?: {
                /** @enum {string} */
                eq?: "planning" | "active" | "on_hold" | "done";
                /** @enum {string} */
                ne?: "planning" | "active" | "on_hold" | "done";
                in?: ("planning" | "active" | "on_hold" | "done")[];
                notIn?: ("planning" | "active" | "on_hold" | "done")[];
                isNull?: boolean;
            };
            budget?: {
                /** @description An exact decimal written as text, like "12.50": at most 10 digits before the point and 2 after it. */
                eq?: string;
                /** @description An exact decimal written as text, like "12.50": at most 10 digits before the point and 2 after it. */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** @description An exact decimal written as text, like "12.50": at most 10 digits before the point and 2 after it. */
                gt?: string;
                /** @description An exact decimal written as text, like "12.50": at most 10 digits before the point and 2 after it. */
                gte?: string;
                /** @description An exact decimal written as text, like "12.50": at most 10 digits before the point and 2 after it. */
                lt?: string;
                /** @description An exact decimal written as text, like "12.50": at most 10 digits before the point and 2 after it. */
                lte?: string;
            };
            dueDate?: {
                /** Format: date */
                eq?: string;
                /** Format: date */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date */
                gt?: string;
                /** Format: date */
                gte?: string;
                /** Format: date */
                lt?: string;
                /** Format: date */
                lte?: string;
            };
            ownerId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            tags?: {
                has?: string;
                hasAll?: string[];
                hasAny?: string[];
                isNull?: boolean;
            };
            createdAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["ProjectsFilter"][];
            or?: components["schemas"]["ProjectsFilter"][];
            not?: components["schemas"]["ProjectsFilter"];
        };
        TaskRuns: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Task */
            task: string;
            /** State */
            state: string;
            /**
             * Status
             * @enum {string}
             */
            status: "running" | "waiting" | "succeeded" | "failed";
            /**
             * Input
             * @description Any JSON value.
             */
            input: unknown;
            /**
             * Result so far
             * @description Any JSON value.
             */
            data: unknown;
            /** Lock key */
            lockKey: string | null;
            /** Error */
            error: string | null;
            /**
             * Step started
             * Format: date-time
             */
            stepStartedAt: string | null;
            /**
             * Alarm
             * Format: date-time
             */
            alarmAt: string | null;
            /**
             * Alarm seen
             * Format: date-time
             */
            alarmAcknowledgedAt: string | null;
            /**
             * Started by
             * Format: uuid
             */
            startedBy: string | null;
            /**
             * Started
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updated
             * Format: date-time
             */
            updatedAt: string;
            /**
             * Finished
             * Format: date-time
             */
            finishedAt: string | null;
        };
        TaskRunsList: {
            items: components["schemas"]["TaskRuns"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        TaskRunsFilter: {
            task?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            state?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            status?: {
                /** @enum {string} */
                eq?: "running" | "waiting" | "succeeded" | "failed";
                /** @enum {string} */
                ne?: "running" | "waiting" | "succeeded" | "failed";
                in?: ("running" | "waiting" | "succeeded" | "failed")[];
                notIn?: ("running" | "waiting" | "succeeded" | "failed")[];
                isNull?: boolean;
            };
            lockKey?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            alarmAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            alarmAcknowledgedAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            startedBy?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            finishedAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["TaskRunsFilter"][];
            or?: components["schemas"]["TaskRunsFilter"][];
            not?: components["schemas"]["TaskRunsFilter"];
        };
        Webhooks: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /**
             * URL
             * @description Where deliveries are POSTed: http:// or https://, on a public address.
             */
            url: string;
            /**
             * Resources
             * @description The resources whose changes it receives, by name (e.g. users).
             */
            resources: string[];
            /**
             * Events
             * @description Restores count as create, reverts as update, purges as delete.
             */
            events: ("create" | "update" | "delete" | "action")[];
            /** Active */
            active: boolean;
            /**
             * Reads as
             * Format: uuid
             * @description Deliveries carry the record as this user may read it. Without one: as an anonymous visitor.
             */
            ownerId: string | null;
            /**
             * Secret made
             * Format: date-time
             */
            secretCreatedAt: string;
            /**
             * Secret shown
             * Format: date-time
             */
            secretShownAt: string | null;
            /** Failures in a row */
            consecutiveFailures: number;
            /**
             * Disabled
             * Format: date-time
             */
            disabledAt: string | null;
            /** Disabled because */
            disabledReason: string | null;
            /**
             * Last delivery
             * Format: date-time
             */
            lastDeliveryAt: string | null;
            /**
             * Last result
             * @enum {string|null}
             */
            lastDeliveryStatus: "succeeded" | "failed" | null;
            /**
             * Created
             * Format: date-time
             */
            createdAt: string;
            /**
             * Updated
             * Format: date-time
             */
            updatedAt: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                owner?: components["schemas"]["Users"] | null;
            };
        };
        WebhooksList: {
            items: components["schemas"]["Webhooks"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        WebhooksCreate: {
            /** Name */
            name: string;
            /**
             * URL
             * @description Where deliveries are POSTed: http:// or https://, on a public address.
             */
            url: string;
            /**
             * Resources
             * @description The resources whose changes it receives, by name (e.g. users).
             * @default []
             */
            resources: string[];
            /**
             * Events
             * @description Restores count as create, reverts as update, purges as delete.
             * @default [
             *       "create",
             *       "update",
             *       "delete"
             *     ]
             */
            events: ("create" | "update" | "delete" | "action")[];
            /**
             * Active
             * @default true
             */
            active: boolean;
            /**
             * Reads as
             * Format: uuid
             * @description Deliveries carry the record as this user may read it. Without one: as an anonymous visitor.
             */
            ownerId?: string | null;
        };
        WebhooksUpdate: {
            /** Name */
            name?: string;
            /**
             * URL
             * @description Where deliveries are POSTed: http:// or https://, on a public address.
             */
            url?: string;
            /**
             * Resources
             * @description The resources whose changes it receives, by name (e.g. users).
             */
            resources?: string[];
            /**
             * Events
             * @description Restores count as create, reverts as update, purges as delete.
             */
            events?: ("create" | "update" | "delete" | "action")[];
            /** Active */
            active?: boolean;
            /**
             * Reads as
             * Format: uuid
             * @description Deliveries carry the record as this user may read it. Without one: as an anonymous visitor.
             */
            ownerId?: string | null;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        WebhooksFilter: {
            name?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            active?: {
                eq?: boolean;
                ne?: boolean;
                isNull?: boolean;
            };
            ownerId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            disabledAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            lastDeliveryStatus?: {
                /** @enum {string} */
                eq?: "succeeded" | "failed";
                /** @enum {string} */
                ne?: "succeeded" | "failed";
                in?: ("succeeded" | "failed")[];
                notIn?: ("succeeded" | "failed")[];
                isNull?: boolean;
            };
            and?: components["schemas"]["WebhooksFilter"][];
            or?: components["schemas"]["WebhooksFilter"][];
            not?: components["schemas"]["WebhooksFilter"];
        };
        WebhookDeliveries: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Webhook
             * Format: uuid
             */
            webhookId: string;
            /**
             * Event
             * Format: uuid
             */
            eventId: string;
            /** Event type */
            type: string;
            /** Record */
            recordId: string;
            /** Attempt */
            attempt: number;
            /** By hand */
            manual: boolean;
            /**
             * Requested by
             * Format: uuid
             */
            requestedById: string | null;
            /**
             * Result
             * @enum {string}
             */
            status: "succeeded" | "failed";
            /** HTTP status */
            statusCode: number | null;
            /** Latency (ms) */
            latencyMs: number | null;
            /** Error */
            error: string | null;
            /** Response */
            response: string | null;
            /**
             * Sent
             * Format: date-time
             */
            createdAt: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                webhook?: components["schemas"]["Webhooks"] | null;
                requestedBy?: components["schemas"]["Users"] | null;
            };
        };
        WebhookDeliveriesList: {
            items: components["schemas"]["WebhookDeliveries"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        WebhookDeliveriesFilter: {
            webhookId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            eventId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            type?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            recordId?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            manual?: {
                eq?: boolean;
                ne?: boolean;
                isNull?: boolean;
            };
            status?: {
                /** @enum {string} */
                eq?: "succeeded" | "failed";
                /** @enum {string} */
                ne?: "succeeded" | "failed";
                in?: ("succeeded" | "failed")[];
                notIn?: ("succeeded" | "failed")[];
                isNull?: boolean;
            };
            statusCode?: {
                eq?: number;
                ne?: number;
                in?: number[];
                notIn?: number[];
                isNull?: boolean;
                gt?: number;
                gte?: number;
                lt?: number;
                lte?: number;
            };
            createdAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["WebhookDeliveriesFilter"][];
            or?: components["schemas"]["WebhookDeliveriesFilter"][];
            not?: components["schemas"]["WebhookDeliveriesFilter"];
        };
        RequestLogs: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * At
             * Format: date-time
             * @description When the request arrived.
             */
            at: string;
            /**
             * Request id
             * @description The X-Request-Id its response carried; its audit entries carry it too.
             */
            requestId: string;
            /** Method */
            method: string;
            /**
             * Route
             * @description The route pattern (/api/trpc, /api/files/[...path], a page's /admin/[resource]), never the URL with its query.
             */
            route: string;
            /**
             * Procedure
             * @description tRPC procedures, comma-separated for a batch.
             */
            procedure: string | null;
            /**
             * Status
             * @description The HTTP status: 500 to 599 for server errors, 400 to 499 for refused requests.
             */
            status: number;
            /**
             * Duration (ms)
             * @description Until the response's headers were ready.
             */
            durationMs: number;
            /**
             * Actor
             * Format: uuid
             * @description The signed-in user (or token's owner); empty when anonymous.
             */
            actorId: string | null;
            /** IP */
            ip: string | null;
            /** User agent */
            userAgent: string | null;
            /**
             * Error
             * @description A server-side failure's message (the client never saw it).
             */
            error: string | null;
            /**
             * Instance
             * @description The app instance (host:pid) that answered.
             */
            instance: string;
            /** @description The relations named in `expand`, each as its own resource's records (as this caller may read them). */
            expand?: {
                actor?: components["schemas"]["Users"] | null;
            };
        };
        RequestLogsList: {
            items: components["schemas"]["RequestLogs"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        RequestLogsFilter: {
            at?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            requestId?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            method?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            route?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            procedure?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            status?: {
                eq?: number;
                ne?: number;
                in?: number[];
                notIn?: number[];
                isNull?: boolean;
                gt?: number;
                gte?: number;
                lt?: number;
                lte?: number;
            };
            durationMs?: {
                eq?: number;
                ne?: number;
                in?: number[];
                notIn?: number[];
                isNull?: boolean;
                gt?: number;
                gte?: number;
                lt?: number;
                lte?: number;
            };
            actorId?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            ip?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            instance?: {
                eq?: string;
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                gt?: string;
                gte?: string;
                lt?: string;
                lte?: string;
                contains?: string;
                startsWith?: string;
            };
            and?: components["schemas"]["RequestLogsFilter"][];
            or?: components["schemas"]["RequestLogsFilter"][];
            not?: components["schemas"]["RequestLogsFilter"];
        };
        Backups: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "manual" | "scheduled";
            /**
             * Status
             * @enum {string}
             */
            status: "running" | "ready" | "failed";
            /** File */
            file: string | null;
            /** Size (bytes) */
            sizeBytes: number | null;
            /** Schema version */
            schemaVersion: string | null;
            /** Tables */
            tableCount: number | null;
            /** Rows */
            rowCount: number | null;
            /** SHA-256 */
            checksum: string | null;
            /**
             * Manifest
             * @description Any JSON value.
             */
            manifest: unknown;
            /** Error */
            error: string | null;
            /**
             * Last check
             * @description Any JSON value.
             */
            lastCheck: unknown;
            /**
             * Taken by
             * Format: uuid
             */
            createdBy: string | null;
            /**
             * Taken
             * Format: date-time
             */
            createdAt: string;
            /**
             * Finished
             * Format: date-time
             */
            finishedAt: string | null;
        };
        BackupsList: {
            items: components["schemas"]["Backups"][];
            page: number;
            perPage: number;
            /** @description -1 when no total was asked for (totals=none or skipTotal); an estimate when totalEstimated. */
            totalItems: number;
            /** @description -1 when no total was asked for; from the estimate when totalEstimated. */
            totalPages: number;
            /**
             * @description Present when totalItems is PostgreSQL's estimate for the query rather than a count.
             * @constant
             */
            totalEstimated?: true;
        };
        /** @description Every condition must hold; `and`, `or` and `not` nest (at most 6 levels). */
        BackupsFilter: {
            kind?: {
                /** @enum {string} */
                eq?: "manual" | "scheduled";
                /** @enum {string} */
                ne?: "manual" | "scheduled";
                in?: ("manual" | "scheduled")[];
                notIn?: ("manual" | "scheduled")[];
                isNull?: boolean;
            };
            status?: {
                /** @enum {string} */
                eq?: "running" | "ready" | "failed";
                /** @enum {string} */
                ne?: "running" | "ready" | "failed";
                in?: ("running" | "ready" | "failed")[];
                notIn?: ("running" | "ready" | "failed")[];
                isNull?: boolean;
            };
            createdBy?: {
                /** Format: uuid */
                eq?: string;
                /** Format: uuid */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
            };
            createdAt?: {
                /** Format: date-time */
                eq?: string;
                /** Format: date-time */
                ne?: string;
                in?: string[];
                notIn?: string[];
                isNull?: boolean;
                /** Format: date-time */
                gt?: string;
                /** Format: date-time */
                gte?: string;
                /** Format: date-time */
                lt?: string;
                /** Format: date-time */
                lte?: string;
            };
            and?: components["schemas"]["BackupsFilter"][];
            or?: components["schemas"]["BackupsFilter"][];
            not?: components["schemas"]["BackupsFilter"];
        };
    };
    responses: {
        /** @description The input is invalid; `fieldErrors` names the fields. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Sign in, or send a valid API token. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A rule refused this caller; the message names it. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such record, or none this caller may see. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A unique value is taken, or another change got there first. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body is too large. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests; see Retry-After. */
        TooManyRequests: {
            headers: {
                /** @description Seconds until trying again is worth it. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The database cannot answer; see Retry-After. */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds until trying again is worth it. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Any other refusal, in the same shape. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "users.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("name" | "-name" | "role" | "-role" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the UsersFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: posts, postCount; a path like "posts.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsersList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsersCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Users"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["UsersCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Users"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: posts, postCount; a path like "posts.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Users"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsersUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Users"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["UsersUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Users"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.sendPasswordReset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.signOutEverywhere": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "users.resetTwoFactor": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("title" | "-title" | "status" | "-status" | "publishedAt" | "-publishedAt" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the PostsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: author, comments, commentCount, tags; a path like "author.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
                deleted?: "exclude" | "include" | "only";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostsCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["PostsCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posts"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: author, comments, commentCount, tags; a path like "author.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                withDeleted?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostsUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                withDeleted?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["PostsUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posts"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The restored record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Posts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.recount": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.publishMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    input?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description What the action answers, per record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Reason
                     * @description Kept in the post's history.
                     */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "posts.unpublishMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    input: {
                        /**
                         * Reason
                         * @description Kept in the post's history.
                         */
                        reason: string;
                    };
                };
            };
        };
        responses: {
            /** @description What the action answers, per record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("createdAt" | "-createdAt" | "updatedAt" | "-updatedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the CommentsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: post, author; a path like "post.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentsCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comments"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["CommentsCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comments"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: post, author; a path like "post.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comments"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentsUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comments"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["CommentsUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comments"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "comments.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("name" | "-name" | "slug" | "-slug" | "createdAt" | "-createdAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the TagsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: posts; a path like "posts.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagsCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tags"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["TagsCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tags"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: posts; a path like "posts.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tags"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagsUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tags"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["TagsUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tags"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "tags.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("title" | "-title" | "tone" | "-tone" | "active" | "-active" | "priority" | "-priority" | "startsAt" | "-startsAt" | "endsOn" | "-endsOn" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the AnnouncementsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnouncementsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnnouncementsCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Announcements"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["AnnouncementsCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Announcements"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Announcements"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnnouncementsUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Announcements"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["AnnouncementsUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Announcements"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "announcements.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("name" | "-name" | "status" | "-status" | "budget" | "-budget" | "dueDate" | "-dueDate" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the ProjectsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: owner; a path like "owner.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectsCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Projects"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["ProjectsCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Projects"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: owner; a path like "owner.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Projects"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectsUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Projects"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["ProjectsUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Projects"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "projects.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "taskRuns.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("task" | "-task" | "state" | "-state" | "status" | "-status" | "stepStartedAt" | "-stepStartedAt" | "alarmAt" | "-alarmAt" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt" | "finishedAt" | "-finishedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the TaskRunsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskRunsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "taskRuns.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskRuns"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "taskRuns.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "taskRuns.acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "taskRuns.acknowledgeMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    input?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description What the action answers, per record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("name" | "-name" | "active" | "-active" | "consecutiveFailures" | "-consecutiveFailures" | "disabledAt" | "-disabledAt" | "lastDeliveryAt" | "-lastDeliveryAt" | "createdAt" | "-createdAt" | "updatedAt" | "-updatedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the WebhooksFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: owner; a path like "owner.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhooksList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhooksCreate"];
            };
        };
        responses: {
            /** @description The new record, as this caller reads it. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhooks"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.createMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: components["schemas"]["WebhooksCreate"][];
                };
            };
        };
        responses: {
            /** @description The new records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhooks"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: owner; a path like "owner.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhooks"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The id of the deleted record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhooksUpdate"];
            };
        };
        responses: {
            /** @description The record as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhooks"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.updateMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                    data: components["schemas"]["WebhooksUpdate"];
                };
            };
        };
        responses: {
            /** @description The records as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhooks"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhooks.deleteMany": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The ids of the deleted records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ids: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhookDeliveries.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("type" | "-type" | "attempt" | "-attempt" | "status" | "-status" | "statusCode" | "-statusCode" | "latencyMs" | "-latencyMs" | "createdAt" | "-createdAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the WebhookDeliveriesFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: webhook, requestedBy; a path like "webhook.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveriesList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhookDeliveries.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: webhook, requestedBy; a path like "webhook.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveries"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "webhookDeliveries.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "requestLogs.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("at" | "-at" | "route" | "-route" | "status" | "-status" | "durationMs" | "-durationMs")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the RequestLogsFilter schema). */
                filter?: string;
                /** @description Words that must each match a searchable field. */
                search?: string;
                /** @description Relations to load under `expand`, comma-separated: actor; a path like "actor.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestLogsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "requestLogs.get": {
        parameters: {
            query?: {
                /** @description Relations to load under `expand`, comma-separated: actor; a path like "actor.<relation>" goes deeper (at most 3 levels). */
                expand?: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestLogs"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "requestLogs.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.list": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
                /** @description Sort by these fields, in order; `-` for descending. */
                sort?: ("status" | "-status" | "sizeBytes" | "-sizeBytes" | "createdAt" | "-createdAt" | "finishedAt" | "-finishedAt")[];
                /** @description The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the BackupsFilter schema). */
                filter?: string;
                /** @description Skip counting: the same as totals=none. */
                skipTotal?: boolean;
                /** @description Left out: counted up to 10,000 rows, PostgreSQL's estimate beyond (then totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1. */
                totals?: "exact" | "estimate" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupsList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backups"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.history": {
        parameters: {
            query?: {
                page?: number;
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.backUp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.dryRun": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    "backups.restoreBackup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Confirmation
                     * @description Type RESTORE. Every change made since this backup is lost; signed-in users may be signed out.
                     */
                    confirmation: string;
                };
            };
        };
        responses: {
            /** @description What the action answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["Error"];
        };
    };
}
