"use client";
import { Columns3, Menu, MoreHorizontal } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  ConfirmDialog,
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { toast } from "@/components/ui/toaster";
import { Row, Section } from "./section";

const columns = ["Title", "Author", "Status", "Published"] as const;

export function OverlaySection() {
  const [visible, setVisible] = useState<string[]>(["Title", "Author", "Status"]);
  const [density, setDensity] = useState("comfortable");
  return (
    <Section id="overlays" title="Dialogs, menus, popovers, toasts">
      <Row label="Dialogs and sheet">
        <Dialog>
          <DialogTrigger asChild>
            <Button variant="outline">Edit profile</Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Edit profile</DialogTitle>
              <DialogDescription>Changes are saved when you press Save.</DialogDescription>
            </DialogHeader>
            <FormField label="Name" required>
              <Input defaultValue="Ada Lovelace" />
            </FormField>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Cancel</Button>
              </DialogClose>
              <DialogClose asChild>
                <Button onClick={() => toast.success("Profile saved")}>Save</Button>
              </DialogClose>
            </DialogFooter>
          </DialogContent>
        </Dialog>
        <ConfirmDialog
          trigger={<Button variant="destructive">Delete post</Button>}
          title="Delete this post?"
          description="It moves to the trash; an admin can restore it within 30 days."
          confirmLabel="Delete"
          destructive
          onConfirm={() => new Promise((resolve) => setTimeout(resolve, 600)).then(() => toast.success("Post deleted"))}
        />
        <ConfirmDialog
          trigger={<Button variant="outline">Publish (fails)</Button>}
          title="Publish now?"
          confirmLabel="Publish"
          onConfirm={() => Promise.reject(new Error("You may not publish posts of other authors."))}
        />
        <Sheet>
          <SheetTrigger asChild>
            <Button variant="outline">
              <Menu aria-hidden="true" /> Admin menu
            </Button>
          </SheetTrigger>
          <SheetContent side="left">
            <SheetHeader>
              <SheetTitle>Admin</SheetTitle>
              <SheetDescription>The sidebar, as a drawer on phones.</SheetDescription>
            </SheetHeader>
            <nav aria-label="Admin">
              <ul className="space-y-1 text-sm">
                {["Posts", "Comments", "Users", "Audit log"].map((item) => (
                  <li key={item}>
                    <Button variant="ghost" className="w-full justify-start">
                      {item}
                    </Button>
                  </li>
                ))}
              </ul>
            </nav>
          </SheetContent>
        </Sheet>
      </Row>
      <Row label="Menus and popover">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline">
              <Columns3 aria-hidden="true" /> Columns
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            <DropdownMenuLabel>Visible columns</DropdownMenuLabel>
            {columns.map((column) => (
              <DropdownMenuCheckboxItem
                key={column}
                checked={visible.includes(column)}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(on) => setVisible((v) => (on ? [...v, column] : v.filter((c) => c !== column)))}
              >
                {column}
              </DropdownMenuCheckboxItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Density</DropdownMenuLabel>
            <DropdownMenuRadioGroup value={density} onValueChange={setDensity}>
              <DropdownMenuRadioItem value="comfortable">Comfortable</DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="compact">Compact</DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
          </DropdownMenuContent>
        </DropdownMenu>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" aria-label="Row actions">
              <MoreHorizontal aria-hidden="true" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuItem onSelect={() => toast("Opened")}>Open</DropdownMenuItem>
            <DropdownMenuItem disabled>Duplicate</DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={() => toast.error("Deleted")}>
              Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        <Popover>
          <PopoverTrigger asChild>
            <Button variant="outline">Filter</Button>
          </PopoverTrigger>
          <PopoverContent className="space-y-3">
            <FormField label="Title contains">
              <Input placeholder="e.g. release" />
            </FormField>
            <Button size="sm">Apply</Button>
          </PopoverContent>
        </Popover>
      </Row>
      <Row label="Toasts">
        <Button variant="outline" onClick={() => toast("Draft saved", { description: "Saved 2 seconds ago." })}>
          Default toast
        </Button>
        <Button variant="outline" onClick={() => toast.success("Post published")}>
          Success toast
        </Button>
        <Button variant="outline" onClick={() => toast.error("Could not save: title is required")}>
          Error toast
        </Button>
      </Row>
    </Section>
  );
}
