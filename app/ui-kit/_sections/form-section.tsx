"use client";
import { useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { Row, Section } from "./section";

const statuses = [
  { value: "draft", label: "Draft" },
  { value: "published", label: "Published" },
  { value: "archived", label: "Archived" },
];

/** Each control twice: as it starts, and invalid with the error wired through FormField. */
export function FormSection() {
  // "" is Radix Select's controlled "nothing picked" (the placeholder shows); undefined would make it uncontrolled.
  const [status, setStatus] = useState("");
  const [agree, setAgree] = useState(false);
  const [featured, setFeatured] = useState(true);
  return (
    <Section id="forms" title="Form controls">
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField label="Title" required help="Shown as the page heading.">
          <Input placeholder="A good title" />
        </FormField>
        <FormField label="Title" required error="Title is required.">
          <Input placeholder="A good title" />
        </FormField>
        <FormField label="Slug" help="Disabled: generated from the title.">
          <Input value="a-good-title" disabled readOnly />
        </FormField>
        <FormField label="Email" error={["Enter a valid email address.", "This email is already taken."]}>
          <Input type="email" defaultValue="not-an-email" />
        </FormField>
        <FormField label="Body" help="Markdown is fine.">
          <Textarea placeholder="Write something…" />
        </FormField>
        <FormField label="Body" required error="Body must be at least 20 characters.">
          <Textarea defaultValue="Too short" />
        </FormField>
        <FormField label="Status (Radix select)">
          {(control) => (
            <Select value={status} onValueChange={setStatus}>
              <SelectTrigger {...control}>
                <SelectValue placeholder="Pick a status" />
              </SelectTrigger>
              <SelectContent>
                {statuses.map((s) => (
                  <SelectItem key={s.value} value={s.value}>
                    {s.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
        <FormField label="Status (Radix select)" required error="Pick a status.">
          {(control) => (
            <Select>
              <SelectTrigger {...control}>
                <SelectValue placeholder="Pick a status" />
              </SelectTrigger>
              <SelectContent>
                {statuses.map((s) => (
                  <SelectItem key={s.value} value={s.value}>
                    {s.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
        <FormField label="Role (native select)">
          <NativeSelect defaultValue="editor">
            <option value="viewer">Viewer</option>
            <option value="editor">Editor</option>
            <option value="admin">Admin</option>
          </NativeSelect>
        </FormField>
        <FormField label="Role (native select)" error="Choose a role.">
          <NativeSelect defaultValue="">
            <option value="">Choose…</option>
            <option value="viewer">Viewer</option>
          </NativeSelect>
        </FormField>
      </div>
      <Row label="Checkboxes and switches">
        <div className="grid w-full gap-4 sm:grid-cols-2">
          <FormField layout="inline" label="I agree to the terms" help="Checked and unchecked by click.">
            <Checkbox checked={agree} onCheckedChange={(value) => setAgree(value === true)} />
          </FormField>
          <FormField layout="inline" label="Accept the licence" required error="You must accept the licence.">
            <Checkbox />
          </FormField>
          <FormField layout="inline" label="Select all (some selected)">
            <Checkbox checked="indeterminate" />
          </FormField>
          <FormField layout="inline" label="Checked and disabled">
            <Checkbox checked disabled />
          </FormField>
          <FormField layout="inline" label="Featured" help={featured ? "On." : "Off."}>
            <Switch checked={featured} onCheckedChange={setFeatured} />
          </FormField>
          <FormField layout="inline" label="Send notifications" error="Notifications need a verified email.">
            <Switch />
          </FormField>
          <FormField layout="inline" label="Switch disabled">
            <Switch disabled />
          </FormField>
        </div>
      </Row>
    </Section>
  );
}
