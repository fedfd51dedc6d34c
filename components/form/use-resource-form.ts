"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { keyedMutationOptions } from "@/components/trpc/links";
import { toast } from "@/components/ui/toaster";
import type { ResourceDescriptor } from "@/server/core/meta";
import type { AppRouter } from "@/server/router";
import { type FormMode, formFields } from "./form-fields";
import { type FieldErrors, validateField, validateForm } from "./form-validation";
import { type Draft, sameDraft } from "./form-values";
import { draftsOf, isNewer, keepMine, remoteChanges } from "./remote-changes";
import type { ResourceApi, ResourceRecord } from "./resource-api";
import { type SaveError, splitServerErrors } from "./server-errors";
import { type SubmitKey, submitFingerprint, submitKey } from "./submit-key";
import type { FieldOverride, SaveConfirmation } from "./types";

export interface UseResourceFormOptions<TSaved> {
  api: ResourceApi<TSaved>;
  meta: ResourceDescriptor;
  /** The record being edited, as the server has it now (kept live); absent on create. */
  record?: ResourceRecord;
  /** The record was deleted (or hidden from this reader) by someone else while the form was open. */
  removed?: boolean;
  id?: string;
  defaults?: Record<string, unknown>;
  overrides?: Partial<Record<string, FieldOverride>>;
  order?: readonly string[];
  onSuccess?: (record: TSaved) => void;
  resetOnSuccess?: boolean;
  /** See `ResourceFormProps.confirmSave`. */
  confirmSave?: (save: {
    mode: FormMode;
    values: Record<string, unknown>;
    record?: ResourceRecord;
  }) => SaveConfirmation | null;
}

interface AskedSave {
  question: SaveConfirmation;
  values: Record<string, unknown>;
}

function columnDefaults(meta: ResourceDescriptor): Record<string, unknown> {
  return Object.fromEntries(meta.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
}

const isRecord = (value: unknown): value is ResourceRecord => typeof value === "object" && value !== null;

const saveErrorOf = (error: unknown): SaveError =>
  isTRPCClientError<AppRouter>(error)
    ? error
    : { message: error instanceof Error ? error.message : "Something went wrong. Try again." };

/**
 * The state of one generated form: drafts against the values it started from, client and server errors, and
 * submitting (create, or update with only the changed fields) followed by invalidating the resource's queries.
 */
export function useResourceForm<TSaved>(options: UseResourceFormOptions<TSaved>) {
  const { api, meta, record, id, onSuccess, resetOnSuccess } = options;
  const mode: FormMode = id === undefined ? "create" : "update";
  const specs = formFields(meta, { mode, overrides: options.overrides, order: options.order, record });
  const formId = useId();
  const controlId = (name: string) => `${formId}-${name}`;

  // A create form starts from the columns' static defaults (a switch that defaults to on shows on), then `defaults`.
  const [initial] = useState(() => draftsOf(specs, record ?? { ...columnDefaults(meta), ...options.defaults }));
  const [baseline, setBaseline] = useState(initial);
  // The saved version the baseline drafts came from; a later save by someone else is compared against it.
  const [baseRecord, setBaseRecord] = useState(record);
  const [drafts, setDrafts] = useState(initial);
  // Pickers and switches change and validate in one event; validation must see the new value, not the render's.
  const latest = useRef(drafts);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [focusRequest, setFocusRequest] = useState<{ name: string; count: number }>({ name: "", count: 0 });
  // A save waiting for the person's answer to `confirmSave`; the ref lets confirm and the dialog's close (which
  // follows it in the same event) agree that it has been answered.
  const [asked, setAsked] = useState<AskedSave | null>(null);
  const askedRef = useRef<AskedSave | null>(null);
  const ask = (next: AskedSave | null) => {
    askedRef.current = next;
    setAsked(next);
  };

  const queryClient = useQueryClient();
  // Every submit carries an Idempotency-Key, reused when the same values are sent again after a failure.
  const create = useMutation(keyedMutationOptions(api.create.mutationOptions));
  const update = useMutation(keyedMutationOptions(api.update.mutationOptions));
  const lastKey = useRef<SubmitKey | null>(null);
  const pending = create.isPending || update.isPending;

  const draftOf = (name: string): Draft => drafts[name] ?? null;

  // Someone else saved this record since the form loaded it (or since this form last saved): never overwrite that
  // silently. While a save is in flight its own event may arrive first; it is judged once the save has answered.
  const theirs =
    mode === "update" && record && baseRecord && !pending && isNewer(record, baseRecord)
      ? draftsOf(specs, record)
      : undefined;
  const changedByOthers = theirs ? remoteChanges(specs, baseline, theirs) : [];
  const removed = mode === "update" && options.removed === true;

  /** Discard this form's edits and continue from the version just saved by someone else. */
  function loadTheirs(message = "Loaded the latest saved version.") {
    if (!theirs) return;
    latest.current = theirs;
    setDrafts(theirs);
    setBaseline(theirs);
    setBaseRecord(record);
    setErrors({});
    setFormErrors([]);
    setStatus(message);
  }

  // With no unsaved edits there is nothing to overwrite: the form simply follows, and says what changed.
  const pristine = !specs.some((spec) => !sameDraft(drafts[spec.name] ?? null, baseline[spec.name] ?? null));
  const followKey = pristine && changedByOthers.length > 0 ? changedByOthers.map((spec) => spec.label).join(", ") : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a newer saved record has something to follow.
  useEffect(() => {
    if (followKey) loadTheirs(`Updated with changes saved by someone else: ${followKey}.`);
  }, [followKey, record]);

  /** Take their version of every field this reader has not touched; the touched ones stay and save over theirs. */
  function keepEdits() {
    if (!theirs) return;
    latest.current = keepMine(specs, latest.current, baseline, theirs);
    setDrafts(latest.current);
    setBaseline(theirs);
    setBaseRecord(record);
    setStatus("Your edits are kept on top of the latest version. Save to apply them.");
  }
  const shown = specs.filter((spec) => spec.editable && !spec.hidden);
  const shownNames = new Set(shown.map((spec) => spec.name));

  useEffect(() => {
    if (focusRequest.count > 0) document.getElementById(`${formId}-${focusRequest.name}`)?.focus();
  }, [focusRequest, formId]);

  function setFieldErrors(name: string, messages: string[]) {
    setErrors((current) => {
      const { [name]: _dropped, ...rest } = current;
      return messages.length > 0 ? { ...rest, [name]: messages } : rest;
    });
  }

  function change(name: string, value: Draft) {
    latest.current = { ...latest.current, [name]: value };
    setDrafts(latest.current);
    // "Not saved: 2 fields need attention" no longer describes a form being fixed.
    setStatus("");
    const spec = specs.find((s) => s.name === name);
    // Once a field shows an error, it is re-checked on every change so the message goes away as soon as it is fixed.
    if (spec && errors[name]) setFieldErrors(name, validateField(spec, value, baseline[name] ?? null, mode));
  }

  function blur(name: string) {
    const spec = specs.find((s) => s.name === name);
    if (spec) setFieldErrors(name, validateField(spec, latest.current[name] ?? null, baseline[name] ?? null, mode));
  }

  /** Errors on fields on screen go to them (and the first takes focus); the rest to the form and a toast. */
  function showErrors(fieldErrors: FieldErrors, extra: string[]) {
    const onFields: FieldErrors = {};
    const forForm = [...extra];
    for (const [name, messages] of Object.entries(fieldErrors)) {
      if (shownNames.has(name)) onFields[name] = messages;
      else forForm.push(...messages);
    }
    setErrors(onFields);
    setFormErrors(forForm);
    if (forForm.length > 0) toast.error(forForm.join(" "));
    const first = shown.find((spec) => onFields[spec.name]);
    if (first) setFocusRequest((current) => ({ name: first.name, count: current.count + 1 }));
    const count = Object.keys(onFields).length;
    setStatus(
      count > 0 ? `Not saved: ${count === 1 ? "1 field needs" : `${count} fields need`} attention.` : "Not saved.",
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || askedRef.current) return;
    setStatus("");
    if (removed) return setStatus(`Not saved: this ${meta.label.one.toLowerCase()} no longer exists.`);
    if (changedByOthers.length > 0)
      return setStatus("Not saved: someone else changed this record. Load their version or keep your edits first.");
    const checked = validateForm(specs, latest.current, baseline, mode);
    if (Object.keys(checked.errors).length > 0) return showErrors(checked.errors, []);
    if (mode === "update" && Object.keys(checked.values).length === 0) {
      setErrors({});
      setFormErrors([]);
      setStatus("Nothing to save: no field has changed.");
      return;
    }
    const question = options.confirmSave?.({ mode, values: checked.values, record });
    if (question) return ask({ question, values: checked.values });
    await save(checked.values);
  }

  /** The person agreed to what `confirmSave` asked: send the save they were asked about. */
  function confirmAsked() {
    const current = askedRef.current;
    if (!current) return;
    ask(null);
    void save(current.values);
  }

  /** The person declined: nothing is sent and their edits stay in the form. */
  function dismissAsked() {
    if (!askedRef.current) return;
    ask(null);
    setStatus("Not saved: you cancelled.");
  }

  async function save(values: Record<string, unknown>) {
    const attempt = submitKey(lastKey.current, submitFingerprint(id ?? "create", values));
    lastKey.current = attempt;
    try {
      const saved =
        mode === "create"
          ? await create.mutateAsync({ input: values, key: attempt.key })
          : await update.mutateAsync({ input: { id: id ?? "", data: values }, key: attempt.key });
      // Answered: a later submit is a new request, even with the same values.
      lastKey.current = null;
      // Lists, the record itself and pickers showing this resource refetch in the background.
      void queryClient.invalidateQueries({ queryKey: api.pathKey() });
      setErrors({});
      setFormErrors([]);
      const message = mode === "create" ? `${meta.label.one} created.` : "Changes saved.";
      setStatus(message);
      toast.success(message);
      if (mode === "update") {
        setBaseline(latest.current);
        if (isRecord(saved)) setBaseRecord(saved);
      } else if (resetOnSuccess) {
        latest.current = initial;
        setDrafts(initial);
      }
      onSuccess?.(saved);
    } catch (error) {
      const split = splitServerErrors(
        saveErrorOf(error),
        shownNames,
        new Map(meta.fields.map((f) => [f.name, f.label])),
      );
      showErrors(split.fields, split.form);
    }
  }

  return {
    mode,
    specs,
    controlId,
    draftOf,
    errors,
    formErrors,
    status,
    pending,
    focusRequest,
    /** Fields someone else changed since this form loaded the record; empty when there is nothing to reconcile. */
    changedByOthers: pristine ? [] : changedByOthers,
    removed,
    /** The confirmation `confirmSave` asked for, while it waits for an answer. */
    asked: asked?.question ?? null,
    confirmAsked,
    dismissAsked,
    loadTheirs,
    keepEdits,
    change,
    blur,
    submit,
  };
}
